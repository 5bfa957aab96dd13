/**
 * What the services need from the outside world, as interfaces. The Slack implementation lives in
 * src/slack/notifier.ts; the services never see a Slack type, only these intents.
 */
import type { ReminderState } from './cadence';
import type { Delivery } from '../features/publishing/publishing-repo';
import type { Crisis, CrisisStatus, Severity } from './crisis';
import type { DebriefReport } from '../features/record/debrief';
import type { DeadlineClock, NextDeadline } from '../features/deadlines/deadlines';
import type { Role } from './roles';
import type { HandoverRecord } from '../features/roles/handovers-repo';
import type { ChecklistItem, StoredAssignment } from './repos/roles-repo';
import type { CustomerFacts } from '../features/customer/customer-snapshot';
import type { StatementNotifier } from '../features/statements/statement-ports';
import type { StatementFacts } from '../features/statements/statement-facts';

/** A crisis with what every view of it needs. */
export interface CrisisSnapshot {
  crisis: Crisis;
  holders: Record<Role, string[]>;
  reminder: ReminderState | undefined;
  /** The crisis type as people read it (its playbook's label); views fall back to the type id. */
  typeLabel?: string;
  /** The open deadline clock due soonest; null when none runs. Views that need it are given it. */
  nextDeadline?: NextDeadline | null;
  /** Impact history, latest volume and trend, remedies, FAQ counts (see customer-snapshot.ts). */
  customer?: CustomerFacts;
  /** The latest published statement and the promise it makes, for the card. */
  statements?: StatementFacts;
  /** Every delivery of the crisis's published statements (the statement's message shows each target's state). */
  deliveries?: Delivery[];
}

/** A file shared with the debrief beside the Markdown report (the volume chart). */
export interface DebriefAttachment {
  filename: string;
  title: string;
  bytes: Buffer;
  contentType: string;
}

/** A call to the outside that failed; `humanMessage` is plain words for the person affected. */
export class ExternalCallError extends Error {
  constructor(
    readonly operation: string,
    readonly code: string,
    readonly humanMessage: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${operation} failed: ${code}`);
    this.name = 'ExternalCallError';
  }
}

/** The channel name is in use (archived channels included). */
export class ChannelNameTakenError extends ExternalCallError {
  constructor(name: string) {
    super('conversations.create', 'name_taken', `The channel name #${name} is taken.`);
    this.name = 'ChannelNameTakenError';
  }
}

export interface ChecklistMessage {
  snapshot: CrisisSnapshot;
  assignment: StoredAssignment;
  items: ChecklistItem[];
  /** When the role was handed over: the DM starts with the note and the outgoing holder's open items. */
  handover?: HandoverRecord;
}

export interface UpdateMessage {
  authorId: string;
  text: string;
  status: CrisisStatus;
  nextDueAt: string | null;
}

export type ChannelNotice =
  | { kind: 'status'; from: CrisisStatus; to: CrisisStatus; by: string }
  | { kind: 'severity'; from: Severity; to: Severity; by: string }
  | { kind: 'cadence'; minutes: number | null; by: string }
  | { kind: 'role_nudge'; role: Role; minutesSinceDeclared: number }
  | { kind: 'resolved'; summary: string; by: string }
  | { kind: 'reopened'; by: string }
  | { kind: 'handover'; role: Role; from: string; to: string; by: string };

export type Announcement =
  | { kind: 'declared'; snapshot: CrisisSnapshot }
  | { kind: 'severity'; snapshot: CrisisSnapshot; from: Severity; by: string }
  | { kind: 'resolved'; snapshot: CrisisSnapshot; by: string }
  | { kind: 'reopened'; snapshot: CrisisSnapshot; by: string };

/**
 * What became of a declare cut short (src/services/declare-repair.ts), for a DM to the person who
 * declared it: its reply may never have come.
 */
export type DeclareRepairNotice =
  | { kind: 'finished'; snapshot: CrisisSnapshot; warnings: string[] }
  | {
      kind: 'undone';
      title: string;
      isDrill: boolean;
      channelName: string | null;
      /** archived: its channel was; not_archived: it could not be; unknown: it may have been made, its ID never came back. */
      channel: 'archived' | 'not_archived' | 'unknown';
    };

export interface ReminderMessage {
  overdue: boolean;
  minutesSinceUpdate: number;
  /** Lead, spokesperson and info gatherers, each once. */
  mentionIds: string[];
}

export interface DeadlineAlertMessage {
  kind: 'reminder' | 'missed';
  clock: DeadlineClock;
  minutesLeft: number;
  /** Lead and legal, each once. */
  mentionIds: string[];
}

/** Statement messages and promise alerts are in StatementNotifier (statement-ports.ts). */
export interface Notifier extends StatementNotifier {
  /** A private channel when `isPrivate` (a private crisis). */
  createChannel(name: string, options?: { isPrivate?: boolean }): Promise<{ id: string; name: string }>;
  archiveChannel(channelId: string): Promise<void>;
  describeChannel(channelId: string, topic: string, purpose: string): Promise<void>;
  /** Invites; people already in the channel are not an error. */
  invite(channelId: string, userIds: string[]): Promise<void>;
  /** Whether the person is in the channel now (a private crisis asks before its words go to them). */
  isMember(channelId: string, userId: string): Promise<boolean>;
  postCard(snapshot: CrisisSnapshot): Promise<string>;
  updateCard(snapshot: CrisisSnapshot): Promise<void>;
  pin(channelId: string, ts: string): Promise<void>;
  /** Posts to the announcement channel; undefined when none is configured. */
  announce(announcement: Announcement): Promise<string | undefined>;
  sendChecklist(message: ChecklistMessage): Promise<{ channelId: string; ts: string }>;
  updateChecklist(message: ChecklistMessage): Promise<void>;
  tellRelieved(userId: string, snapshot: CrisisSnapshot, role: Role, by: string): Promise<void>;
  postUpdate(snapshot: CrisisSnapshot, update: UpdateMessage): Promise<string>;
  postNotice(snapshot: CrisisSnapshot, notice: ChannelNotice): Promise<void>;
  postReminder(snapshot: CrisisSnapshot, reminder: ReminderMessage): Promise<void>;
  dmEscalation(userId: string, snapshot: CrisisSnapshot, minutesSinceUpdate: number): Promise<void>;
  /** A deadline reminder or a missed deadline, in the crisis channel. */
  postDeadlineAlert(snapshot: CrisisSnapshot, alert: DeadlineAlertMessage): Promise<void>;
  permalink(channelId: string, ts: string): Promise<string | null>;
  react(channelId: string, ts: string, name: string): Promise<void>;
  postDebrief(snapshot: CrisisSnapshot, report: DebriefReport, attachments?: DebriefAttachment[]): Promise<void>;
  /** A DM to the declarer: their declare, cut short, was finished or undone. */
  tellDeclarer(userId: string, notice: DeclareRepairNotice): Promise<void>;
  /**
   * People's display names by user id, for text where mentions do not render (the debrief file).
   * Best effort: ids it cannot name are left out. Optional, so a test double may skip it.
   */
  userNames?(userIds: readonly string[]): Promise<Map<string, string>>;
}
