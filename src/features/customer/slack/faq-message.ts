/**
 * The FAQ for support reps as Slack shows it: the one pinned message in the crisis channel (approved
 * answers and remedies), the DM to support reps when it changes, the proposal with its Approve
 * button, and the `/crisis faq` reply (which also lists what waits for approval).
 */
import type { KnownBlock } from '@slack/types';
import { macroNoteBlocks } from '../../publishing';
import { faqLabel, type FaqEntry } from '../faq';
import type { FaqChange, FaqDocument } from '../customer-ports';
import type { CrisisSnapshot } from '../../../core/ports';
import { ACTIONS } from '../../../slack/ids';
import { actions, button, capBlocks, channelLink, context, escapeKeepingMentions, escapeText, header, LIMITS, mention, section } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';
import type { Message } from '../../../slack/views/messages';

/** Remedies listed in one section before the rest are counted. */
const MAX_REMEDIES_SHOWN = 25;

function entryBlock(entry: FaqEntry): KnownBlock {
  return section(`*${faqLabel(entry.number)}. ${escapeText(entry.question)}*\n${escapeText(entry.answer)}`, `faq_${faqLabel(entry.number)}`);
}

function remediesBlock(doc: FaqDocument): KnownBlock[] {
  if (doc.remedies.length === 0) return [];
  const lines = doc.remedies.slice(0, MAX_REMEDIES_SHOWN).map((r) => `• ${escapeText(r.text)}`);
  if (doc.remedies.length > MAX_REMEDIES_SHOWN) lines.push(`_…and ${doc.remedies.length - MAX_REMEDIES_SHOWN} more in \`/crisis faq\`_`);
  return [section(`*Remedies offered to affected customers*\n${lines.join('\n')}`, 'faq_remedies')];
}

/** The FAQ's blocks: answers first, remedies after, within `maxBlocks`. */
function faqBlocks(snapshot: CrisisSnapshot, doc: FaqDocument, lead: KnownBlock[], footer: KnownBlock[], maxBlocks: number): KnownBlock[] {
  const fixed = [header('FAQ for support reps'), ...lead, section(`Approved answers for *${escapeText(snapshot.crisis.title)}*. Give them as written; ask in ${channelLink(snapshot.crisis.channelId)} about anything not covered.`)];
  const tail = [...remediesBlock(doc), ...footer];
  const room = maxBlocks - fixed.length - tail.length;
  const answers: KnownBlock[] = doc.approved.length === 0 ? [section('_No approved answers yet._')] : doc.approved.map(entryBlock);
  const shown = answers.length > room ? [...answers.slice(0, Math.max(0, room - 1)), context(`…and ${answers.length - room + 1} more answers: \`/crisis faq\` shows them all.`)] : answers;
  return capBlocks([...fixed, ...shown, ...tail], maxBlocks);
}

function fallbackText(snapshot: CrisisSnapshot, doc: FaqDocument): string {
  return `FAQ for support reps: ${escapeText(snapshot.crisis.title)} (${doc.approved.length} approved answer${doc.approved.length === 1 ? '' : 's'}, ${doc.remedies.length} remed${doc.remedies.length === 1 ? 'y' : 'ies'})`;
}

/** The pinned message in the crisis channel. */
/** Support reps tag the crisis's tickets in the help desk with this (features/helpdesk). */
function helpdeskTagLine(snapshot: CrisisSnapshot): string {
  return snapshot.helpdesk ? `Tag its tickets \`${escapeText(snapshot.helpdesk.tag)}\` in the help desk. ` : '';
}

export function buildFaqMessage(snapshot: CrisisSnapshot, doc: FaqDocument, updatedAt: string, timeZone: string): Message {
  const waiting = doc.proposed.length > 0 ? ` · ${doc.proposed.length} waiting for approval` : '';
  const footer = [context(`${helpdeskTagLine(snapshot)}Kept current by the crisis bot; updated ${formatTime(updatedAt, timeZone)}${waiting}. Propose another: \`/crisis faq add &lt;question&gt; | &lt;answer&gt;\`.`)];
  return { text: fallbackText(snapshot, doc), blocks: faqBlocks(snapshot, doc, [], footer, LIMITS.blocksPerMessage) };
}

/** The DM to each support rep when the FAQ changes. */
export function buildFaqDm(snapshot: CrisisSnapshot, doc: FaqDocument, change: FaqChange): Message {
  const lead = [section(`:bookmark_tabs: The FAQ for ${channelLink(snapshot.crisis.channelId)} changed: ${escapeKeepingMentions(change.summary)}`)];
  // Where the help desk's macro is kept by the bot (the publishing feature), the reps are told it is current.
  return { text: `The FAQ for support reps changed: ${escapeKeepingMentions(change.summary)}`, blocks: faqBlocks(snapshot, doc, lead, macroNoteBlocks(snapshot), LIMITS.blocksPerMessage) };
}

/** The ephemeral `/crisis faq` reply: the FAQ, and what waits for approval. */
export function buildFaqReply(snapshot: CrisisSnapshot, doc: FaqDocument): Message {
  const footer: KnownBlock[] = [];
  if (doc.proposed.length > 0) {
    const waiting = doc.proposed.map((e) => `• *${faqLabel(e.number)}* ${escapeText(e.question)}${e.proposedBy ? ` (${mention(e.proposedBy)})` : ''}`);
    footer.push(section(`*Waiting for approval* (legal or the spokesperson: \`/crisis approve F&lt;n&gt;\`)\n${waiting.join('\n')}`, 'faq_waiting'));
  }
  footer.push(context(`${helpdeskTagLine(snapshot)}Propose an answer: \`/crisis faq add &lt;question&gt; | &lt;answer&gt;\`. Add a remedy: \`/crisis remedy &lt;text&gt;\`.`));
  return { text: fallbackText(snapshot, doc), blocks: faqBlocks(snapshot, doc, [], footer, LIMITS.blocksPerMessage) };
}

function proposalBody(entry: FaqEntry): string {
  const by = entry.proposedBy ? `${mention(entry.proposedBy)} proposed` : 'Proposed';
  return `:memo: ${by} *${faqLabel(entry.number)}* for the support FAQ:\n*${escapeText(entry.question)}*\n>${escapeText(entry.answer).replace(/\n/g, '\n>')}`;
}

/** A proposed answer in the channel, with its Approve button. */
export function buildFaqProposal(entry: FaqEntry, approvers: string[]): Message {
  const label = faqLabel(entry.number);
  const who = approvers.length ? `Legal or the spokesperson approves: ${approvers.map(mention).join(', ')}` : 'Legal or the spokesperson approves (neither is assigned yet).';
  return {
    text: `${label} proposed for the support FAQ: ${escapeText(entry.question)}`,
    blocks: [section(proposalBody(entry), 'faq_proposal'), context(`${who} · or \`/crisis approve ${label}\``), actions('faq_proposal_actions', button(`Approve ${label}`, ACTIONS.faqApprove, String(entry.number), 'primary'))],
  };
}

/** The proposal once approved: the button goes, who approved it stays. */
export function buildFaqProposalApproved(entry: FaqEntry, timeZone: string): Message {
  const label = faqLabel(entry.number);
  const by = entry.approvedBy ? ` by ${mention(entry.approvedBy)}` : '';
  const when = entry.approvedAt ? ` at ${formatTime(entry.approvedAt, timeZone)}` : '';
  return {
    text: `${label} approved for the support FAQ: ${escapeText(entry.question)}`,
    blocks: [section(proposalBody(entry), 'faq_proposal'), context(`:white_check_mark: Approved${by}${when}; it is in the pinned FAQ.`)],
  };
}
