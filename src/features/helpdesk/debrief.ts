/**
 * The help desk in the debrief: how many tickets counted (tagged, and probably related), the share
 * of negative ones, the statement after which that share fell most and the one after which it rose
 * most, and the share per period as a second line on the volume chart. Built from the store's
 * counted tickets (scores and times only); pure apart from the reads.
 */
import type { TimeSeries } from '../../core/chart-spec';
import { negativeShare, negativeShareSeries, statementShifts, type Share, type ScoredTicket, type StatementShift } from './negative-share';
import type { HelpdeskRepo } from './repo';
import { sentimentFromStore } from './sentiment';

export interface HelpdeskDebrief {
  tag: string;
  tagged: number;
  probablyRelated: number;
  negative: Share;
  /** The published statement after which the negative share fell most (hour after against hour before). */
  fellMost: StatementShift | null;
  roseMost: StatementShift | null;
}

function scoredTickets(repo: HelpdeskRepo, crisisId: number): ScoredTicket[] {
  return repo.scored(crisisId, '').flatMap((t) => {
    const sentiment = sentimentFromStore(t.sentiment);
    return sentiment === null ? [] : [{ at: t.at, sentiment }];
  });
}

/** Null when no ticket counted for the crisis. */
export function helpdeskDebrief(repo: HelpdeskRepo, crisisId: number, statements: ReadonlyArray<{ number: number; publishedAt: string | null }>): HelpdeskDebrief | null {
  const counts = repo.counts(crisisId, '');
  if (counts.tag.total + counts.keyword.total === 0) return null;
  const tickets = scoredTickets(repo, crisisId);
  const published = statements.flatMap((s) => (s.publishedAt ? [{ id: `S${s.number}`, publishedAt: s.publishedAt }] : []));
  const { fellMost, roseMost } = statementShifts(published, tickets);
  return { tag: repo.watch(crisisId).tag, tagged: counts.tag.total, probablyRelated: counts.keyword.total, negative: negativeShare(tickets, -Infinity, Infinity), fellMost, roseMost };
}

const pct = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)} %`);

function shiftLine(what: string, s: StatementShift, at: (iso: string) => string): string {
  return `- ${what}: after ${s.statementId} (published ${at(s.publishedAt)}), from ${pct(s.before.share)} of ${s.before.total} tickets in the hour before to ${pct(s.after.share)} of ${s.after.total} in the hour after`;
}

export function renderHelpdeskMarkdown(d: HelpdeskDebrief | null | undefined, at: (iso: string) => string): string[] {
  if (!d) return [];
  const out = ['## Help-desk tickets', ''];
  out.push(`- Tagged \`${d.tag}\`: ${d.tagged}; probably related (keywords): ${d.probablyRelated}`);
  out.push(`- Negative: ${pct(d.negative.share)} of ${d.negative.total} tagged tickets`);
  if (d.fellMost) out.push(shiftLine('Negative share fell most', d.fellMost, at));
  if (d.roseMost) out.push(shiftLine('Negative share rose most', d.roseMost, at));
  if (!d.fellMost && !d.roseMost) out.push('- No published statement had 5 tickets or more in the hour before and the hour after it, so none can be said to have moved the negative share.');
  out.push('');
  return out;
}

/** The negative share per period (in %), for the volume chart's right-hand axis; undefined without tickets. */
export function negativeShareChartSeries(repo: HelpdeskRepo, crisisId: number, periodMs: number, fromIso: string, toIso: string): TimeSeries | undefined {
  const tickets = scoredTickets(repo, crisisId);
  if (tickets.length === 0) return undefined;
  const first = tickets[0]?.at ?? fromIso;
  const points = negativeShareSeries(tickets, periodMs, first < fromIso ? first : fromIso, toIso).flatMap((p) => (p.share === null ? [] : [{ atMs: Date.parse(p.end), value: Math.round(p.share * 1000) / 10 }]));
  return points.length === 0 ? undefined : { label: 'negative help-desk tickets, %', points };
}
