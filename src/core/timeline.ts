/**
 * The after-action timeline: every kind of thing that happens to a crisis, and the data each kind
 * carries. Data is checked against these zod schemas when it is written and again where it is used
 * (`dataOf`); reading a row only decodes it, so a bad row costs its reader one figure, not the whole
 * timeline.
 */
import { z } from 'zod';
import { SEVERITIES, STATUSES } from './crisis';
import { DEADLINE_TIMELINE_DATA, DEADLINE_TIMELINE_LABELS } from '../features/deadlines/deadline-timeline';
import { CUSTOMER_TIMELINE_DATA, CUSTOMER_TIMELINE_LABELS } from '../features/customer/customer-timeline';
import { PEOPLE_TIMELINE_DATA, PEOPLE_TIMELINE_LABELS } from '../features/roles/roles-timeline';
import { ROLES } from './roles';
import { PUBLISHED_STATEMENT_DATA, STATEMENT_TIMELINE_DATA, STATEMENT_TIMELINE_LABELS } from '../features/statements/statement-timeline';

const severity = z.enum(SEVERITIES);
const role = z.enum(ROLES);

export const TIMELINE_DATA = {
  declared: z.object({
    severity,
    // A playbook id; rows from before playbooks hold the old ids (service_outage, …).
    crisis_type: z.string(),
    channel_id: z.string(),
    private: z.boolean().optional(),
    drill: z.boolean().optional(),
  }),
  role_assigned: z.object({ role, user_id: z.string(), handover_from: z.string().nullable().default(null) }),
  role_relieved: z.object({ role, user_id: z.string(), reason: z.enum(['handover', 'unassigned']) }),
  checklist_ticked: z.object({ role, item: z.string(), done: z.boolean() }),
  update_posted: z.object({
    status: z.enum(STATUSES),
    due_at: z.string().nullable(),
    next_update_at: z.string().nullable(),
  }),
  statement: PUBLISHED_STATEMENT_DATA,
  status_changed: z.object({ from: z.enum(STATUSES), to: z.enum(STATUSES) }),
  severity_changed: z.object({ from: severity, to: severity }),
  cadence_changed: z.object({ minutes: z.number().nullable(), source: z.enum(['default', 'manual', 'off']) }),
  reminder_sent: z.object({ overdue: z.boolean(), minutes_since_update: z.number() }),
  reminder_snoozed: z.object({ minutes: z.number() }),
  update_missed: z.object({ due_at: z.string() }),
  role_nudge: z.object({ role }),
  message_captured: z.object({ channel_id: z.string(), ts: z.string(), via: z.enum(['pushpin', 'pin', 'shortcut']) }),
  note: z.object({}),
  action_added: z.object({ action_id: z.number(), owner_id: z.string().nullable() }),
  action_done: z.object({ action_id: z.number(), done: z.boolean() }),
  resolved: z.object({}),
  reopened: z.object({}),
  lessons_recorded: z.object({}),
  entry_corrected: z.object({
    entry_id: z.number(),
    before: z.object({ text: z.string(), occurred_at: z.string(), hidden: z.boolean() }),
    after: z.object({ text: z.string(), occurred_at: z.string(), hidden: z.boolean() }),
  }),
  debrief_posted: z.object({ interim: z.boolean() }),
  ...DEADLINE_TIMELINE_DATA,
  ...CUSTOMER_TIMELINE_DATA,
  ...STATEMENT_TIMELINE_DATA,
  ...PEOPLE_TIMELINE_DATA,
} as const;

export type TimelineKind = keyof typeof TIMELINE_DATA;
export type TimelineData<K extends TimelineKind> = z.input<(typeof TIMELINE_DATA)[K]>;

export function isTimelineKind(value: string): value is TimelineKind {
  return Object.prototype.hasOwnProperty.call(TIMELINE_DATA, value);
}

export interface TimelineEvent {
  id: number;
  crisisId: number;
  kind: TimelineKind;
  /** When it happened (a captured message keeps its own time). ISO-8601 UTC. */
  occurredAt: string;
  /** When the bot wrote it down. */
  recordedAt: string;
  actorId: string | null;
  text: string;
  /** The decoded JSON; read it through `dataOf`, which checks it against the kind's schema. */
  data: Record<string, unknown>;
  permalink: string | null;
  hidden: boolean;
}

/** A new event, before it has an id. */
export interface NewTimelineEvent<K extends TimelineKind = TimelineKind> {
  kind: K;
  occurredAt: string;
  actorId: string | null;
  text?: string;
  data: TimelineData<K>;
  /** Identifies the source (e.g. a Slack message) so the same thing is recorded once. */
  sourceKey?: string;
  permalink?: string | null;
}

/** Parse one kind's data, e.g. `dataOf(event, 'update_posted').due_at`. */
export function dataOf<K extends TimelineKind>(event: TimelineEvent, kind: K): z.output<(typeof TIMELINE_DATA)[K]> {
  if (event.kind !== kind) throw new Error(`event ${event.id} is ${event.kind}, not ${kind}`);
  return TIMELINE_DATA[kind].parse(event.data) as z.output<(typeof TIMELINE_DATA)[K]>;
}

/** Human label for each kind, used in the timeline view and the debrief. */
export const TIMELINE_LABELS: Record<TimelineKind, string> = {
  declared: 'Declared',
  role_assigned: 'Role assigned',
  role_relieved: 'Role relieved',
  checklist_ticked: 'Checklist',
  update_posted: 'Update',
  statement: 'Customer statement',
  status_changed: 'Status',
  severity_changed: 'Severity',
  cadence_changed: 'Cadence',
  reminder_sent: 'Reminder',
  reminder_snoozed: 'Snoozed',
  update_missed: 'Missed update',
  role_nudge: 'Nudge',
  message_captured: 'Captured',
  note: 'Note',
  action_added: 'Action',
  action_done: 'Action',
  resolved: 'Resolved',
  reopened: 'Reopened',
  lessons_recorded: 'Lessons',
  entry_corrected: 'Correction',
  debrief_posted: 'Debrief',
  ...DEADLINE_TIMELINE_LABELS,
  ...CUSTOMER_TIMELINE_LABELS,
  ...STATEMENT_TIMELINE_LABELS,
  ...PEOPLE_TIMELINE_LABELS,
};
