/**
 * What the people side (App Home, shifts, handovers, the report across crises) needs from outside,
 * as intents. The Slack side implements PeopleNotifier (src/slack/people-notifier.ts) and
 * HomeRefresher (src/slack/home-publisher.ts). StatementsView is what the statements module tells
 * the Home (statementsForHome in home-statements.ts); ReportChartRenderer draws the report's chart
 * (the bot's ChartRenderer fits it). Each is optional: without it the Home shows "none" there, the
 * report has no chart, and so on.
 */
import type { Role } from './roles';
import type { StackedBarChart } from './chart-spec';
import type { CrisisSnapshot } from './ports';

/** A shift break offered to a holder: the DM and the channel notice tell the same facts. */
export interface ShiftBreakMessage {
  userId: string;
  role: Role;
  /** How long they have held the role without a handover. */
  minutesHeld: number;
  /** Lead(s) to tell in the channel. */
  leadIds: string[];
}

/** The report across crises, for the person's DM: a short message, the Markdown file and the chart. */
export interface ReportDelivery {
  /** In words (./words.ts), posted in the DM above the files. */
  text: string;
  markdown: { filename: string; title: string; content: string };
  /** Absent when no chart could be drawn. */
  chart?: { filename: string; title: string; png: Buffer };
}

export interface PeopleNotifier {
  /** DM to the holder: take a break, with a Hand over button that opens the handover form. */
  dmShiftBreak(snapshot: CrisisSnapshot, shift: ShiftBreakMessage): Promise<void>;
  /** In the crisis channel: tells the lead the holder has been at it for that long. */
  postShiftNotice(snapshot: CrisisSnapshot, shift: ShiftBreakMessage): Promise<void>;
  /** True when the user is a bot or an app (users.info). */
  isBot(userId: string): Promise<boolean>;
  /** Posts the report's message and shares its files in the person's DM. */
  sendReport(userId: string, delivery: ReportDelivery): Promise<void>;
}

/**
 * Republishes the App Home of people whose part changed (a role, a checklist tick, an action, a
 * resolution, a draft or promise). Never throws and never waits: the publishing is coalesced per
 * person and paced within Slack's rate limit by the implementation.
 */
export interface HomeRefresher {
  touch(userIds: readonly string[]): void;
}

/** A statement draft waiting for this person's approval (they are legal, or the lead with no legal). */
export interface DraftAwaitingApproval {
  crisisId: number;
  /** As people name it, e.g. `S3`. */
  ref: string;
  authorId: string;
  /** The first words of the draft. */
  excerpt: string;
  createdAt: string;
}

/** A promise this person owes: the next statement promised by a time (they are the spokesperson). */
export interface PromiseOwed {
  crisisId: number;
  /** The published statement that made the promise, e.g. `S2`. */
  ref: string;
  dueAt: string;
}

/** What the statements module tells the App Home (see statementsForHome in home-statements.ts). */
export interface StatementsView {
  draftsAwaitingApproval(userId: string): readonly DraftAwaitingApproval[];
  promisesOwedBy(userId: string): readonly PromiseOwed[];
}

/**
 * Draws the report's chart as a PNG: the ChartRenderer of chart-port.ts, narrowed to stacked bars.
 * Failures are ExternalCallErrors; the report then goes without its picture.
 */
export interface ReportChartRenderer {
  renderPng(spec: StackedBarChart): Promise<Buffer>;
}

export interface PeoplePorts {
  notifier: PeopleNotifier;
  home?: HomeRefresher;
  chart?: ReportChartRenderer;
}

/** Tells the Home refresher whose part changed; does nothing when there is none. */
export function touchHome(deps: { people?: PeoplePorts }, userIds: ReadonlyArray<string | null | undefined>): void {
  const home = deps.people?.home;
  if (!home) return;
  const ids = [...new Set(userIds.filter((id): id is string => typeof id === 'string' && id.length > 0))];
  if (ids.length > 0) home.touch(ids);
}

/** Everyone holding a role in the crisis: their tabs show its severity and status beside each role. */
export function touchHolders(deps: { people?: PeoplePorts }, snapshot: Pick<CrisisSnapshot, 'holders'>): void {
  touchHome(deps, Object.values(snapshot.holders).flat());
}
