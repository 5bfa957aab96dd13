/**
 * The after-action timeline: every kind of thing that happens to a crisis, and the data each kind
 * carries. The kinds belong to the features that write them: each declares its table with
 * `defineTimelineKinds` (the data's zod schema and a label per kind), adds the kinds to
 * `TimelineKinds` by declaration merging, and lists the table in its module; the composition root
 * registers every module's table at start-up (src/app/features.ts). Data is checked against its
 * schema when it is written and again where it is used (`dataOf`); reading a row only decodes it,
 * so a bad row costs its reader one figure, not the whole timeline.
 */
import type { z } from 'zod';

/**
 * Every timeline kind and the zod schema of its data. Empty here: each feature adds its own, e.g.
 * `declare module '../../core/timeline' { interface TimelineKinds extends NoteKinds {} }`.
 */
export interface TimelineKinds {}

export type TimelineKind = keyof TimelineKinds & string;
type SchemaOf<K extends TimelineKind> = TimelineKinds[K] extends z.ZodType ? TimelineKinds[K] : never;
export type TimelineData<K extends TimelineKind> = z.input<SchemaOf<K>>;

/** One feature's kinds: the schema of each kind's data, and the label people read. */
export interface TimelineKindTable<S extends Record<string, z.ZodType> = Record<string, z.ZodType>> {
  readonly data: S;
  readonly labels: { readonly [K in keyof S]: string };
}

export function defineTimelineKinds<S extends Record<string, z.ZodType>>(data: S, labels: { readonly [K in keyof S]: string }): TimelineKindTable<S> {
  return { data, labels };
}

const SCHEMAS = new Map<string, z.ZodType>();
const LABELS: Record<string, string> = {};

/**
 * Makes a feature's kinds known (the composition root does it for every module). Registering the
 * same table again changes nothing; a kind claimed by two tables is a programming error.
 */
export function registerTimelineKinds(table: TimelineKindTable): void {
  for (const [kind, schema] of Object.entries(table.data)) {
    const known = SCHEMAS.get(kind);
    if (known !== undefined && known !== schema) throw new Error(`timeline kind ${kind} is declared twice`);
    SCHEMAS.set(kind, schema);
    LABELS[kind] = table.labels[kind] ?? kind;
  }
}

export function isTimelineKind(value: string): value is TimelineKind {
  return SCHEMAS.has(value);
}

/** The schema of a registered kind's data. */
export function timelineSchema(kind: TimelineKind): z.ZodType {
  const schema = SCHEMAS.get(kind);
  if (schema === undefined) throw new Error(`unknown timeline kind ${kind}`);
  return schema;
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
export function dataOf<K extends TimelineKind>(event: TimelineEvent, kind: K): z.output<SchemaOf<K>> {
  if (event.kind !== kind) throw new Error(`event ${event.id} is ${event.kind}, not ${kind}`);
  return timelineSchema(kind).parse(event.data) as z.output<SchemaOf<K>>;
}

/** Human label for each kind, used in the timeline view and the debrief (every registered kind has one). */
export const TIMELINE_LABELS: Readonly<Record<TimelineKind, string>> = LABELS as Readonly<Record<TimelineKind, string>>;
