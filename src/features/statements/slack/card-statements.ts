/** The crisis card's lines about statements: the latest published one (short) and when the next is promised. */
import type { KnownBlock } from '@slack/types';
import type { CrisisSnapshot } from '../../../core/ports';
import { escapeText, section, truncate } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';

const SHORT = 150;

/** One section, or nothing when the snapshot carries no statement facts (views that do not need them). */
export function cardStatementBlocks(snapshot: CrisisSnapshot, timeZone: string): KnownBlock[] {
  const facts = snapshot.statements;
  if (!facts) return [];
  const resolved = snapshot.crisis.status === 'resolved';
  const lines: string[] = [];
  const latest = facts.latest;
  if (!latest) {
    lines.push('_None published yet._');
  } else {
    const when = latest.publishedAt ? ` ${formatTime(latest.publishedAt, timeZone)}` : '';
    lines.push(`Latest: *S${latest.number}* to ${escapeText(latest.publishedTo ?? '')}${when}: _${escapeText(truncate(latest.text.replace(/\s*\n\s*/g, ' '), SHORT))}_`);
    const due = latest.promiseDueAt ? formatTime(latest.promiseDueAt, timeZone) : '';
    if (latest.promiseState === 'pending' && !resolved) lines.push(`Next statement promised by *${due}*`);
    else if (latest.promiseState === 'broken' && !resolved) lines.push(`:x: *Overdue:* the next statement was promised by ${due}`);
  }
  if (facts.inReview > 0 && !resolved) lines.push(`${facts.inReview === 1 ? '1 draft' : `${facts.inReview} drafts`} in review (\`/crisis statements\`)`);
  return [section(`*Customer statements*\n${lines.join('\n')}`, 'card_statements')];
}
