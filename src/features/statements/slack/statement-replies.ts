/** Ephemeral replies about statements: `/crisis statements` and `/crisis templates`. */
import type { KnownBlock } from '@slack/types';
import type { Crisis } from '../../../core/crisis';
import { AUDIENCE_LABELS, type StatementTemplate } from '../../../core/playbook';
import { reflow } from '../statement-text';
import { STATEMENT_STATE_LABELS, type Statement } from '../statements';
import { capBlocks, context, escapeText, header, LIMITS, mention, section, truncate } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';
import type { Message } from '../../../slack/views/messages';
import { approverText, promiseText } from './statement-messages';

const EXCERPT = 300;

function excerpt(text: string): string {
  return `>${escapeText(truncate(text.replace(/\s*\n\s*/g, ' '), EXCERPT))}`;
}

function statementLine(s: Statement, timeZone: string, now: Date): string {
  const facts = [`by ${mention(s.authorId)}`];
  if (s.templateId) facts.push(`template \`${s.templateId}\``);
  if (s.state === 'changes_requested') facts.push(`sent back by ${s.reviewedBy ? mention(s.reviewedBy) : 'legal'}: “${escapeText(truncate(s.reviewComment ?? '', 200))}”`);
  if (s.state === 'approved' || s.state === 'published') facts.push(`approved by ${approverText(s)}`);
  if (s.state === 'published') {
    facts.push(`published to *${escapeText(s.publishedTo ?? '')}* ${s.publishedAt ? formatTime(s.publishedAt, timeZone, now) : ''}`.trim());
    facts.push(promiseText(s, timeZone, now));
  }
  return `*S${s.number}* · ${STATEMENT_STATE_LABELS[s.state]} · ${AUDIENCE_LABELS[s.audience]}\n${excerpt(s.text)}\n${facts.join(' · ')}`;
}

/** Every statement of the crisis, the newest last; only the latest that fit one message are shown. */
export function buildStatementsReply(crisis: Crisis, statements: readonly Statement[], timeZone: string, now: Date): Message {
  if (statements.length === 0) {
    const text = 'No statements yet. `/crisis statement &lt;text&gt;` drafts one, `/crisis statement from &lt;template&gt;` starts from the playbook (`/crisis templates` lists them), `/crisis statement` opens the form.';
    return { text, blocks: [section(text)] };
  }
  const room = LIMITS.blocksPerMessage - 3;
  const shown = statements.slice(-room);
  const blocks: KnownBlock[] = [header(`Statements: ${crisis.isPrivate ? 'private crisis' : crisis.title}`)];
  if (shown.length < statements.length) blocks.push(context(`The latest ${shown.length} of ${statements.length}.`));
  blocks.push(...shown.map((s) => section(statementLine(s, timeZone, now))));
  blocks.push(context('A draft is approved by legal (`/crisis approve S&lt;n&gt;`, or `/crisis changes S&lt;n&gt; &lt;comment&gt;`), then published by the spokesperson (`/crisis publish S&lt;n&gt; &lt;where&gt;`).'));
  return { text: `${statements.length} statements`, blocks: capBlocks(blocks) };
}

/** The templates this crisis may draft from: its type's, then the general ones. */
export function buildTemplatesReply(typeLabel: string, templates: readonly StatementTemplate[]): Message {
  if (templates.length === 0) {
    const text = `The playbook for ${escapeText(typeLabel)} has no statement templates. \`/crisis statement &lt;text&gt;\` drafts one by hand.`;
    return { text, blocks: [section(text)] };
  }
  const lines = templates.map(
    (t) => `\`${t.id}\` · ${AUDIENCE_LABELS[t.audience]} · ${t.preApproved ? ':white_check_mark: pre-approved' : 'needs review'}${t.type === null ? ' · general' : ''}\n${excerpt(reflow(t.text))}`,
  );
  const blocks: KnownBlock[] = [
    header(`Statement templates: ${typeLabel}`),
    ...lines.map((l) => section(l)),
    context('`/crisis statement from &lt;id&gt;` drafts from one, placeholders filled. A pre-approved template left unedited is approved at once when legal has already seen the words filled into it ({title}, {impact}) in this crisis; any edit sends it to legal.'),
  ];
  return { text: `${templates.length} statement templates`, blocks: capBlocks(blocks) };
}
