/**
 * The after-action report: the timeline and the facts around it turned into metrics, sections and
 * Markdown. Pure: everything it needs is passed in, including `now` and the time zone. The figures
 * come from debrief-metrics.ts; statements, deadlines and the customer side have modules of their own.
 */
import type { Crisis } from '../../core/crisis';
import { debriefCorrections, type DebriefCorrection } from './debrief-corrections';
import { debriefDeadlines, type DebriefDeadline } from '../deadlines';
import { buildMetrics, byTimeThenId, firstOfKind, mostSevereSeen, wholeMinutes, type DebriefMetrics, type VisibleEvent } from './debrief-metrics';
import { buildCustomerDebrief, type CustomerDebrief, type CustomerDebriefInput } from '../customer';
import { debriefCommunications, type Communications } from '../statements';
import { debriefPeople, type DebriefPeople } from '../roles';
import { renderDebriefMarkdown } from './debrief-markdown';
import type { DeadlineClock } from '../deadlines';
import type { FollowUpAction, Lessons } from './follow-up';
import { ROLES } from '../../core/roles';
import { missedFirstStatement, type Shortfalls } from './shortfalls';
import type { Statement } from '../statements';
import type { ChecklistItem, Role, RoleAssignment } from '../../core/roles';
import { TIMELINE_LABELS } from '../../core/timeline';
import type { TimelineEvent } from '../../core/timeline';
import type { EntryCorrection, TimelineEntryVersion } from './timeline-versions';

export type { DebriefMetrics } from './debrief-metrics';

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
  /** Every statement of the crisis, drafts included (none when left out). */
  statementLog?: Statement[];
  now: Date;
  timeZone: string;
  /** Display name for a user id in the Markdown file (mentions do not render there). */
  nameOf?: (userId: string) => string;
  /** Impact history, volume, remedies, the FAQ and the chart's file name. */
  customer?: CustomerDebriefInput;
  /** Every version of the crisis's corrected timeline entries (none when left out). */
  versions?: TimelineEntryVersion[];
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
  /** The entry's corrections, oldest first, when it was corrected (the text is the latest version). */
  corrections?: EntryCorrection[];
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
  /** What the record shows went wrong; "What didn't go well" names these before the team's own words. */
  shortfalls: Shortfalls;
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
  /** The customer side; absent when the report was built without it. */
  customer?: CustomerDebrief;
  /** Statements as published (author, approver, where, when), review times and promises. */
  communications: Communications;
  /** Time in role per person and the longest stint (absent in reports built before it existed). */
  people?: DebriefPeople;
  /** Every corrected timeline entry, hidden ones included, with who corrected it and when. */
  corrections?: DebriefCorrection[];
  /** The whole report as a Markdown document (the uploaded file). */
  markdown: string;
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

  const corrections = debriefCorrections(input.events, input.versions ?? []);
  const correctionsOf = new Map(corrections.map((c) => [c.entryId, c.corrections]));
  const timeline: DebriefTimelineEntry[] = sorted.map(({ event }) => ({
    id: event.id,
    at: event.occurredAt,
    kind: event.kind,
    label: TIMELINE_LABELS[event.kind],
    actorId: event.actorId,
    text: event.text,
    permalink: event.permalink,
    ...(correctionsOf.has(event.id) ? { corrections: correctionsOf.get(event.id) } : {}),
  }));

  const roles = buildRoles(input, resolvedAt ?? now.toISOString());
  const endAt = resolvedAt ?? now.toISOString();
  const metrics = buildMetrics(sorted, declaredMs, openEndMs);
  const deadlines = debriefDeadlines(input.deadlines ?? [], endAt, interim);
  const communications = debriefCommunications(input.statementLog ?? [], crisis.declaredAt, endAt, interim);
  const shortfalls: Shortfalls = {
    missedUpdates: metrics.missedUpdates,
    brokenPromises: communications.promises.broken,
    missedDeadlines: deadlines.filter((d) => d.outcome === 'missed').length,
    noStatement: missedFirstStatement({ mostSevere: mostSevereSeen(sorted, crisis.severity), declaredAt: crisis.declaredAt, endAt, firstStatementAt }) ? 1 : 0,
    withoutLegal: communications.published.filter((p) => p.approvedAs === 'lead').length,
  };
  const report: Omit<DebriefReport, 'markdown'> = {
    interim,
    crisis,
    generatedAt: now.toISOString(),
    keyTimes,
    metrics,
    roles,
    people: debriefPeople(roles),
    timeline,
    wentWell: lessonLines(input.lessons, (row) => row.wentWell),
    shortfalls,
    wentBadly: lessonLines(input.lessons, (row) => row.wentBadly),
    rootCauses: lessonLines(input.lessons, (row) => row.rootCauses),
    planChanges: lessonLines(input.lessons, (row) => row.planChanges),
    deadlines,
    communications,
    typeLabel: input.typeLabel ?? crisis.type,
    actions: input.actions,
    // From the timeline, not the statements table: the same rows the count and key times come
    // from, so a corrected or hidden statement reads the same everywhere in the report.
    statements: sorted
      .filter(({ event }) => event.kind === 'statement')
      .map(({ event }) => ({ id: event.id, at: event.occurredAt, authorId: event.actorId, text: event.text })),
    ...(input.customer ? { customer: buildCustomerDebrief(crisis, input.customer) } : {}),
    corrections,
  };
  return { ...report, markdown: renderDebriefMarkdown(report, input.timeZone, input.nameOf) };
}
