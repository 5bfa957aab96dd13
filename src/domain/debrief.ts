/**
 * The after-action report: the timeline and the facts around it turned into metrics, sections and
 * Markdown. Pure: everything it needs is passed in, including `now` and the time zone.
 *
 * Event data is checked here, where it is used (TimelineRepo only decodes the JSON): one row whose
 * data does not match its schema costs the report the figure it feeds, not the whole debrief.
 */
import { minutesBetween } from './cadence';
import type { Crisis } from './crisis';
import { debriefDeadlines, type DebriefDeadline } from './debrief-deadlines';
import { debriefPeople, type DebriefPeople } from './debrief-people';
import { renderDebriefMarkdown } from './debrief-markdown';
import type { DeadlineClock } from './deadlines';
import type { FollowUpAction, Lessons } from './follow-up';
import { ROLES } from './roles';
import type { ChecklistItem, Role, RoleAssignment } from './roles';
import { TIMELINE_LABELS, dataOf } from './timeline';
import type { TimelineEvent, TimelineKind } from './timeline';

export interface DebriefInput {
  crisis: Crisis;
  /** Every event, hidden ones included (the report leaves hidden ones out). */
  events: TimelineEvent[];
  assignments: RoleAssignment[];
  checklist: ChecklistItem[];
  actions: FollowUpAction[];
  lessons: Lessons[];
  /** The crisis's deadline clocks (none when left out). */
  deadlines?: DeadlineClock[];
  /** The crisis type as people read it; the type id when left out. */
  typeLabel?: string;
  now: Date;
  timeZone: string;
  /** Display name for a user id in the Markdown file (mentions do not render there). */
  nameOf?: (userId: string) => string;
}

export interface DebriefMetrics {
  updatesPosted: number;
  remindersSent: number;
  /** Updates that had a due time and were posted by it. */
  updatesOnTime: number;
  updatesWithDueTime: number;
  /** updatesOnTime / updatesWithDueTime, or null when no update had a due time. */
  onTimeShare: number | null;
  /** Longest stretch, in minutes, with no update while the crisis was open. */
  longestSilenceMinutes: number;
  longestSilenceFrom: string | null;
  longestSilenceTo: string | null;
  missedUpdates: number;
  escalations: number;
  handovers: number;
  statements: number;
  /** How often a resolved crisis was reopened. */
  reopenings: number;
}

export interface KeyTimes {
  declaredAt: string;
  firstUpdateAt: string | null;
  firstStatementAt: string | null;
  resolvedAt: string | null;
  minutesToFirstUpdate: number | null;
  minutesToFirstStatement: number | null;
  minutesToResolve: number | null;
  /**
   * The first `resolved` event, which differs from `resolvedAt` when the crisis was reopened; null
   * when it was never resolved.
   */
  firstResolvedAt: string | null;
}

export interface RoleHolding {
  userId: string;
  from: string;
  to: string | null;
  minutes: number;
}

export interface RoleSummary {
  role: Role;
  holdings: RoleHolding[];
  checklistDone: number;
  checklistTotal: number;
}

export interface DebriefTimelineEntry {
  id: number;
  at: string;
  kind: TimelineEvent['kind'];
  label: string;
  actorId: string | null;
  text: string;
  permalink: string | null;
}

/** A customer-facing statement as the timeline holds it: corrected text and time, hidden ones left out. */
export interface DebriefStatement {
  id: number;
  at: string;
  authorId: string | null;
  text: string;
}

export interface DebriefReport {
  interim: boolean;
  crisis: Crisis;
  generatedAt: string;
  keyTimes: KeyTimes;
  metrics: DebriefMetrics;
  roles: RoleSummary[];
  timeline: DebriefTimelineEntry[];
  wentWell: string[];
  wentBadly: string[];
  rootCauses: string[];
  /** "What should change in our plan", one per lessons submission: edits for the playbook files. */
  planChanges: string[];
  /** Each deadline clock met or missed, soonest due first. */
  deadlines: DebriefDeadline[];
  typeLabel: string;
  actions: FollowUpAction[];
  /** Customer-facing statements from the visible `statement` events, oldest first. */
  statements: DebriefStatement[];
  /** Time in role per person and the longest stint (absent in reports built before it existed). */
  people?: DebriefPeople;
  /** The whole report as a Markdown document (the uploaded file). */
  markdown: string;
}

/** An event with its time parsed once, so sorting and comparing 10,000 entries stays cheap. */
interface VisibleEvent {
  event: TimelineEvent;
  ms: number;
  id: number;
}

/** An event's data, or null when the stored JSON does not match its schema (see the module comment). */
function safeData<K extends TimelineKind>(event: TimelineEvent, kind: K): ReturnType<typeof dataOf<K>> | null {
  try {
    return dataOf(event, kind);
  } catch {
    return null;
  }
}

/** Whole minutes from `from` to `to`, never negative (corrected or captured times can precede `from`). */
function wholeMinutes(from: string | number, to: string | number): number {
  return Math.max(0, Math.round(minutesBetween(new Date(from), new Date(to))));
}

interface Silence {
  fromMs: number;
  toMs: number;
}

/**
 * The longest stretch without an update while the crisis was open. Open periods run from the
 * declaration (or a reopen) to the next `resolved` event, the last one to `openEnd`; each period's
 * silence points are its start and the updates in it. Updates while resolved are ignored, and
 * updates dated before the period start count as posted at the start (a silence of zero).
 */
function longestSilence(sorted: readonly VisibleEvent[], declaredMs: number, openEndMs: number): Silence {
  let best: Silence = { fromMs: declaredMs, toMs: declaredMs };
  let open = true;
  let lastPoint = declaredMs;
  const consider = (fromMs: number, toMs: number): void => {
    if (toMs - fromMs > best.toMs - best.fromMs) best = { fromMs, toMs };
  };
  for (const { event, ms } of sorted) {
    if (event.kind === 'update_posted' && open) {
      const point = Math.max(ms, lastPoint);
      consider(lastPoint, point);
      lastPoint = point;
    } else if (event.kind === 'resolved' && open) {
      consider(lastPoint, Math.max(ms, lastPoint));
      open = false;
    } else if (event.kind === 'reopened' && !open) {
      open = true;
      lastPoint = ms;
    }
  }
  if (open) consider(lastPoint, Math.max(openEndMs, lastPoint));
  return best;
}

function countKind(sorted: readonly VisibleEvent[], kind: TimelineKind): number {
  return sorted.reduce((n, v) => (v.event.kind === kind ? n + 1 : n), 0);
}

function firstOfKind(sorted: readonly VisibleEvent[], kind: TimelineKind): VisibleEvent | undefined {
  return sorted.find((v) => v.event.kind === kind);
}

function buildMetrics(sorted: readonly VisibleEvent[], declaredMs: number, openEndMs: number): DebriefMetrics {
  let updatesOnTime = 0;
  let updatesWithDueTime = 0;
  let escalations = 0;
  let handovers = 0;
  for (const { event, ms } of sorted) {
    if (event.kind === 'update_posted') {
      const dueAt = safeData(event, 'update_posted')?.due_at ?? null;
      const dueMs = dueAt === null ? NaN : Date.parse(dueAt);
      if (!Number.isNaN(dueMs)) {
        updatesWithDueTime += 1;
        if (ms <= dueMs) updatesOnTime += 1;
      }
    } else if (event.kind === 'reminder_sent') {
      if (safeData(event, 'reminder_sent')?.overdue === true) escalations += 1;
    } else if (event.kind === 'role_assigned') {
      const from = safeData(event, 'role_assigned')?.handover_from ?? null;
      if (from !== null) handovers += 1;
    }
  }
  const silence = longestSilence(sorted, declaredMs, openEndMs);
  return {
    updatesPosted: countKind(sorted, 'update_posted'),
    remindersSent: countKind(sorted, 'reminder_sent'),
    updatesOnTime,
    updatesWithDueTime,
    onTimeShare: updatesWithDueTime > 0 ? updatesOnTime / updatesWithDueTime : null,
    longestSilenceMinutes: wholeMinutes(silence.fromMs, silence.toMs),
    longestSilenceFrom: new Date(silence.fromMs).toISOString(),
    longestSilenceTo: new Date(silence.toMs).toISOString(),
    missedUpdates: countKind(sorted, 'update_missed'),
    escalations,
    handovers,
    statements: countKind(sorted, 'statement'),
    reopenings: countKind(sorted, 'reopened'),
  };
}

function byTimeThenId(a: { ms: number; id: number }, b: { ms: number; id: number }): number {
  return a.ms - b.ms || a.id - b.id;
}

function buildRoles(input: DebriefInput, holdUntil: string): RoleSummary[] {
  const doneByAssignment = new Map<number, { done: number; total: number }>();
  for (const item of input.checklist) {
    const counts = doneByAssignment.get(item.assignmentId) ?? { done: 0, total: 0 };
    counts.total += 1;
    if (item.doneAt !== null) counts.done += 1;
    doneByAssignment.set(item.assignmentId, counts);
  }
  return ROLES.map((role): RoleSummary => {
    const held = input.assignments
      .filter((a) => a.role === role)
      .map((a) => ({ a, ms: Date.parse(a.assignedAt), id: a.id }))
      .sort(byTimeThenId)
      .map(({ a }) => a);
    let checklistDone = 0;
    let checklistTotal = 0;
    for (const a of held) {
      const counts = doneByAssignment.get(a.id);
      checklistDone += counts?.done ?? 0;
      checklistTotal += counts?.total ?? 0;
    }
    return {
      role,
      holdings: held.map((a) => ({
        userId: a.userId,
        from: a.assignedAt,
        to: a.relievedAt,
        minutes: wholeMinutes(a.assignedAt, a.relievedAt ?? holdUntil),
      })),
      checklistDone,
      checklistTotal,
    };
  });
}

/** The non-empty, trimmed answers of one lessons question, one per submission. */
function lessonLines(rows: readonly Lessons[], pick: (row: Lessons) => string): string[] {
  return rows.map((row) => pick(row).trim()).filter((text) => text.length > 0);
}

/** Builds the after-action report (interim while the crisis is open). */
export function buildDebrief(input: DebriefInput): DebriefReport {
  const { crisis, now } = input;
  const interim = crisis.status !== 'resolved';
  const sorted: VisibleEvent[] = input.events
    .filter((event) => !event.hidden)
    .map((event) => ({ event, ms: Date.parse(event.occurredAt), id: event.id }))
    .sort(byTimeThenId);

  const declaredMs = Date.parse(crisis.declaredAt);
  // resolve writes the status and resolved_at together, so a resolved crisis always has the time.
  const resolvedAt = interim ? null : crisis.resolvedAt;
  const openEndMs = resolvedAt === null ? now.getTime() : Date.parse(resolvedAt);
  const firstUpdateAt = firstOfKind(sorted, 'update_posted')?.event.occurredAt ?? null;
  const firstStatementAt = firstOfKind(sorted, 'statement')?.event.occurredAt ?? null;
  const sinceDeclared = (iso: string | null): number | null => (iso === null ? null : wholeMinutes(crisis.declaredAt, iso));

  const keyTimes: KeyTimes = {
    declaredAt: crisis.declaredAt,
    firstUpdateAt,
    firstStatementAt,
    resolvedAt,
    minutesToFirstUpdate: sinceDeclared(firstUpdateAt),
    minutesToFirstStatement: sinceDeclared(firstStatementAt),
    minutesToResolve: sinceDeclared(resolvedAt),
    firstResolvedAt: firstOfKind(sorted, 'resolved')?.event.occurredAt ?? resolvedAt,
  };

  const timeline: DebriefTimelineEntry[] = sorted.map(({ event }) => ({
    id: event.id,
    at: event.occurredAt,
    kind: event.kind,
    label: TIMELINE_LABELS[event.kind],
    actorId: event.actorId,
    text: event.text,
    permalink: event.permalink,
  }));

  const roles = buildRoles(input, resolvedAt ?? now.toISOString());
  const report: Omit<DebriefReport, 'markdown'> = {
    interim,
    crisis,
    generatedAt: now.toISOString(),
    keyTimes,
    metrics: buildMetrics(sorted, declaredMs, openEndMs),
    roles,
    people: debriefPeople(roles),
    timeline,
    wentWell: lessonLines(input.lessons, (row) => row.wentWell),
    wentBadly: lessonLines(input.lessons, (row) => row.wentBadly),
    rootCauses: lessonLines(input.lessons, (row) => row.rootCauses),
    planChanges: lessonLines(input.lessons, (row) => row.planChanges),
    deadlines: debriefDeadlines(input.deadlines ?? [], resolvedAt ?? now.toISOString(), interim),
    typeLabel: input.typeLabel ?? crisis.type,
    actions: input.actions,
    // From the timeline, not the statements table: the same rows the count and key times come
    // from, so a corrected or hidden statement reads the same everywhere in the report.
    statements: sorted
      .filter(({ event }) => event.kind === 'statement')
      .map(({ event }) => ({ id: event.id, at: event.occurredAt, authorId: event.actorId, text: event.text })),
  };
  return { ...report, markdown: renderDebriefMarkdown(report, input.timeZone, input.nameOf) };
}
