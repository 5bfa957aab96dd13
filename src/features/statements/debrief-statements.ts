/**
 * What the debrief says about customer communications: each published statement with its author,
 * approver, where and when; how long until the first one went out; how long drafts waited for
 * approval; and the promises of the next statement made, kept and broken. Pure: the statements are
 * passed in, and the report's end (resolution, or now for an interim report).
 */
import { formatMinutes, minutesBetween } from '../../core/cadence';
import { AUDIENCE_LABELS } from '../../core/playbook';
import { promiseOutcome, type PromiseOutcome, type Statement } from './statements';

export interface PublishedStatement {
  number: number;
  text: string;
  audience: Statement['audience'];
  authorId: string;
  /** Null when approved by a pre-approved template, or published before review existed. */
  approvedBy: string | null;
  approvedAs: Statement['approvedAs'];
  templateId: string | null;
  publishedBy: string | null;
  publishedAt: string;
  publishedTo: string;
  promiseDueAt: string | null;
  promise: PromiseOutcome | undefined;
  keptBy: number | null;
}

export interface Communications {
  published: PublishedStatement[];
  /** Drafted but never published (still in review, or dropped). */
  unpublished: number;
  firstPublishedAt: string | null;
  minutesToFirstPublished: number | null;
  /** Median minutes from first draft to approval, over statements a person approved. */
  medianMinutesToApproval: number | null;
  reviewedByPeople: number;
  approvedByTemplate: number;
  promises: { made: number; kept: number; broken: number; open: number; ended: number };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const minutes = (from: string, to: string): number => Math.max(0, minutesBetween(from, to));

export function debriefCommunications(statements: readonly Statement[], declaredAt: string, endIso: string, interim: boolean): Communications {
  const published = statements
    .filter((s): s is Statement & { publishedAt: string } => s.state === 'published' && s.publishedAt !== null)
    .sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || a.number - b.number)
    .map(
      (s): PublishedStatement => ({
        number: s.number,
        text: s.text,
        audience: s.audience,
        authorId: s.authorId,
        approvedBy: s.approvedBy,
        approvedAs: s.approvedAs,
        templateId: s.templateId,
        publishedBy: s.publishedBy,
        publishedAt: s.publishedAt,
        publishedTo: s.publishedTo ?? '',
        promiseDueAt: s.promiseDueAt,
        promise: promiseOutcome(s, endIso, interim),
        keptBy: s.keptBy,
      }),
    );
  const reviewed = statements.filter((s) => s.approvedAt !== null && s.approvedAs !== null && s.approvedAs !== 'template');
  const first = published[0]?.publishedAt ?? null;
  const count = (o: PromiseOutcome): number => published.filter((p) => p.promise === o).length;
  return {
    published,
    unpublished: statements.length - published.length,
    firstPublishedAt: first,
    minutesToFirstPublished: first === null ? null : Math.round(minutes(declaredAt, first)),
    medianMinutesToApproval: median(reviewed.map((s) => minutes(s.createdAt, s.approvedAt ?? s.createdAt))),
    reviewedByPeople: reviewed.length,
    approvedByTemplate: statements.filter((s) => s.approvedAs === 'template').length,
    promises: { made: published.filter((p) => p.promise !== undefined).length, kept: count('kept'), broken: count('broken'), open: count('open'), ended: count('ended') },
  };
}

/** "approved by Dana (legal)", "approved by the pre-approved template `outage-holding`". */
export function approvalWords(p: Pick<PublishedStatement, 'approvedAs' | 'approvedBy' | 'templateId'>, who: (userId: string) => string): string {
  const by = p.approvedBy === null ? '' : who(p.approvedBy);
  switch (p.approvedAs) {
    case 'template':
      return `approved by the pre-approved template \`${p.templateId ?? ''}\``;
    case 'legal':
      return `approved by ${by} (legal)`;
    case 'admin':
      return `approved by ${by} (crisis admin)`;
    case 'lead':
      return `approved by ${by}, the lead (no legal holder)`;
    case null:
      return by ? `approved by ${by}` : 'not reviewed (sent with an update, before review existed)';
  }
}

export function promiseWords(p: Pick<PublishedStatement, 'promise' | 'promiseDueAt' | 'keptBy'>, at: (iso: string) => string): string {
  const due = p.promiseDueAt === null ? '' : at(p.promiseDueAt);
  switch (p.promise) {
    case undefined:
      return 'promised no next statement';
    case 'kept':
      return `promised the next by ${due}: kept (S${p.keptBy ?? '?'})`;
    case 'broken':
      return `promised the next by ${due}: broken`;
    case 'open':
      return `promises the next by ${due}`;
    case 'ended':
      return `promised the next by ${due}: the crisis was resolved first`;
  }
}

/** One line per published statement: "S2 — 2026-03-05 09:40, Status page: by Bob, approved by …, promised …". */
export function publishedLine(p: PublishedStatement, at: (iso: string) => string, who: (userId: string) => string): string {
  const published = p.publishedBy !== null && p.publishedBy !== p.authorId ? `, published by ${who(p.publishedBy)}` : '';
  return `S${p.number} — ${at(p.publishedAt)}, ${p.publishedTo} (${AUDIENCE_LABELS[p.audience]}): written by ${who(p.authorId)}, ${approvalWords(p, who)}${published}; ${promiseWords(p, at)}`;
}

/** "3 made: 2 kept, 1 broken". */
export function promiseTally(c: Communications): string {
  const { made, kept, broken, open, ended } = c.promises;
  if (made === 0) return 'none made';
  const parts = [`${kept} kept`, `${broken} broken`, ...(open ? [`${open} still running`] : []), ...(ended ? [`${ended} ended by the resolution`] : [])];
  return `${made} made: ${parts.join(', ')}`;
}

/** The Markdown section `## Customer communications`; `readable` turns Slack markup in a text into words. */
export function communicationsMarkdown(c: Communications, at: (iso: string) => string, who: (userId: string) => string, readable: (text: string) => string): string[] {
  const out = ['## Customer communications', ''];
  const first = c.firstPublishedAt === null || c.minutesToFirstPublished === null ? 'none published' : `${at(c.firstPublishedAt)} (${formatMinutes(c.minutesToFirstPublished)} after declaration)`;
  out.push(`- First statement published: ${first}`);
  const median = c.medianMinutesToApproval === null ? 'n/a (none reviewed by a person)' : formatMinutes(c.medianMinutesToApproval);
  out.push(`- Median time from draft to approval: ${median} (${c.reviewedByPeople} reviewed by a person, ${c.approvedByTemplate} approved by a pre-approved template)`);
  out.push(`- Promises of the next statement: ${promiseTally(c)}`);
  if (c.unpublished > 0) out.push(`- Drafted but not published: ${c.unpublished}`);
  out.push('');
  if (c.published.length === 0) out.push('No statement was published.');
  for (const p of c.published) {
    out.push(`- ${publishedLine(p, at, who)}`, ...readable(p.text).split(/\r?\n/).map((line) => `  > ${line.trim()}`.trimEnd()));
  }
  out.push('');
  return out;
}
