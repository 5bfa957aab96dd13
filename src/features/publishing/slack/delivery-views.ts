/**
 * Deliveries on screen: a line per target under a published statement's message (delivered,
 * retrying with the last error and the next try, failed), the `/crisis deliveries` list, and the
 * notice that a delivery gave up (in the channel, and by DM to the spokesperson). Pure builders.
 */
import type { KnownBlock } from '@slack/types';
import type { CrisisSnapshot } from '../../../core/ports';
import { channelLink, context, escapeText, mention, section } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';
import type { Message } from '../../../slack/views/messages';
import type { GaveUpNotice } from '../publishing-ports';
import type { Delivery } from '../outbox-repo';
import { targetLabel } from '../publish-targets';

const STATE_EMOJI: Record<Delivery['state'], string> = {
  pending: ':outbox_tray:',
  retrying: ':repeat:',
  delivered: ':white_check_mark:',
  failed: ':x:',
};

const attemptsText = (n: number): string => `${n} attempt${n === 1 ? '' : 's'}`;

/** "Zendesk macro: retrying (… answered 503), next try 10:45 · 2 attempts". */
export function deliveryLine(d: Delivery, timeZone: string, now?: Date): string {
  const what = `${STATE_EMOJI[d.state]} *${escapeText(targetLabel(d.target))}*`;
  const error = d.lastError ? ` (${escapeText(d.lastError)})` : '';
  switch (d.state) {
    case 'pending':
      return `${what}: sending…`;
    case 'delivered':
      return d.target === 'status-page' ? `${what}: on the page since ${formatTime(d.settledAt ?? d.createdAt, timeZone, now)}` : `${what}: delivered ${formatTime(d.settledAt ?? d.createdAt, timeZone, now)}${d.attempts > 1 ? ` after ${attemptsText(d.attempts)}` : ''}`;
    case 'retrying':
      return `${what}: retrying${error}, next try ${d.nextAttemptAt ? formatTime(d.nextAttemptAt, timeZone, now) : 'soon'} · ${attemptsText(d.attempts)}`;
    case 'failed':
      return `${what}: failed${error} · ${attemptsText(d.attempts)}, gave up ${d.settledAt ? formatTime(d.settledAt, timeZone, now) : ''}`.trim();
  }
}

/** The lines under a statement's message: one context block (up to ten lines, Slack's limit). */
export function deliveryBlocks(deliveries: readonly Delivery[] | undefined, statementId: number, timeZone: string): KnownBlock[] {
  const mine = (deliveries ?? []).filter((d) => d.statementId === statementId);
  if (mine.length === 0) return [];
  return [context(...mine.slice(0, 10).map((d) => deliveryLine(d, timeZone)))];
}

function subjectText(d: Delivery, statementNumbers: ReadonlyMap<number, number>): string {
  if (d.statementId !== null) return `S${statementNumbers.get(d.statementId) ?? '?'}`;
  if (d.subject.startsWith('resolve:')) return 'resolution';
  if (d.subject.startsWith('faq:')) return 'FAQ refresh';
  return d.subject;
}

/** `/crisis deliveries`: every delivery of the crisis, oldest first. */
export function buildDeliveriesReply(deliveries: readonly Delivery[], statementNumbers: ReadonlyMap<number, number>, targets: readonly string[], timeZone: string, now: Date): Message {
  const where = targets.length ? `Targets here: ${targets.map((t) => `\`${t}\``).join(', ')}.` : 'No publishing targets are set up here.';
  if (deliveries.length === 0) {
    return { text: 'No deliveries yet', blocks: [section(`Nothing has been delivered in this crisis yet. Publish to a target to deliver: \`/crisis publish S&lt;n&gt; &lt;target&gt;\`. ${where}`)] };
  }
  const lines = deliveries.map((d) => `• ${subjectText(d, statementNumbers)} → ${deliveryLine(d, timeZone, now)}`);
  const blocks: KnownBlock[] = [section(`*Deliveries* (${deliveries.length})`)];
  // A section holds 3,000 characters: the lines go in as many as they need.
  let chunk: string[] = [];
  for (const line of lines) {
    if ([...chunk, line].join('\n').length > 2900) {
      blocks.push(section(chunk.join('\n')));
      chunk = [];
    }
    chunk.push(line);
  }
  if (chunk.length) blocks.push(section(chunk.join('\n')));
  blocks.push(context(where));
  return { text: `Deliveries (${deliveries.length})`, blocks: blocks.slice(0, 50) };
}

function gaveUpWhat(notice: GaveUpNotice): string {
  const d = notice.delivery;
  const what = notice.statementNumber !== null ? `S${notice.statementNumber}` : d.subject.startsWith('resolve:') ? 'The resolution' : 'The FAQ refresh';
  return `${what} could not be delivered to *${escapeText(targetLabel(d.target))}*: ${escapeText(d.lastError ?? 'no answer')}. The bot gave up after ${attemptsText(d.attempts)}.`;
}

const NEXT_STEP = 'Put the approved words there by hand (copy them from the statement), or fix the target and publish again.';

export function buildGaveUpInChannel(notice: GaveUpNotice): Message {
  const who = notice.voiceIds.map(mention).join(' ');
  return { text: 'A delivery gave up', blocks: [section(`:x: ${who ? `${who}: ` : ''}${gaveUpWhat(notice)} ${NEXT_STEP}`, 'delivery_failed')] };
}

export function buildGaveUpDm(snapshot: CrisisSnapshot, notice: GaveUpNotice): Message {
  const where = snapshot.crisis.isPrivate ? channelLink(snapshot.crisis.channelId) : `${channelLink(snapshot.crisis.channelId)} (*${escapeText(snapshot.crisis.title)}*)`;
  return { text: 'A delivery gave up', blocks: [section(`:x: In ${where}: ${gaveUpWhat(notice)} ${NEXT_STEP}`, 'delivery_failed')] };
}

/**
 * For the support reps' FAQ DM: while the crisis has a Zendesk macro (something was published to
 * `zendesk`), the macro carries the approved answers and the latest statement and is refreshed on
 * each approval, so reps apply it rather than copy. Nothing when there is none.
 */
export function macroNoteBlocks(snapshot: Pick<CrisisSnapshot, 'crisis' | 'deliveries'>): KnownBlock[] {
  if (snapshot.crisis.status === 'resolved') return [];
  const zendesk = (snapshot.deliveries ?? []).filter((d) => d.target === 'zendesk' && !d.subject.startsWith('resolve:'));
  if (!zendesk.some((d) => d.state === 'delivered' || d.state === 'pending' || d.state === 'retrying')) return [];
  return [context(':white_check_mark: *Zendesk macro is current*: the crisis\'s shared macro carries these approved answers and the latest statement, refreshed with each approval. Apply the macro in Zendesk rather than copying from here.')];
}
