/**
 * Statements on screen, where the team works on them: the draft's message in the crisis channel
 * (kept in step with its state, with the buttons of that state, and the filled-in words legal has
 * not seen highlighted), the published text, the author's DM when legal sends a draft back, the
 * promise alerts, and the notice that a legal holder is needed. Pure builders.
 */
import type { KnownBlock } from '@slack/types';
import { FILLED_WORDS_LABELS, markUnseen, type FilledWords } from '../filled-words';
import { AUDIENCE_LABELS } from '../../../core/playbook';
import { nextPromiseText } from '../statement-text';
import { otherReviewers, STATEMENT_STATE_LABELS, type Statement } from '../statements';
import type { CrisisSnapshot } from '../../../core/ports';
import type { PromiseAlertMessage } from '../statement-ports';
import { ACTIONS } from '../../../slack/ids';
import { actions, button, channelLink, context, escapeText, LIMITS, mention, section } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';
import type { Message } from '../../../slack/views/messages';
import { deliveryBlocks } from '../../publishing';

const STATE_EMOJI: Record<Statement['state'], string> = {
  draft: ':memo:',
  changes_requested: ':leftwards_arrow_with_hook:',
  approved: ':white_check_mark:',
  published: ':mega:',
};

/**
 * A statement's words as a quote: each line marked, escaped so nothing in it pings or links. A text
 * of very many short lines would outgrow its section with the marks, so it is then shown unmarked:
 * the words matter more than the quote.
 */
export function quoted(text: string, room: number = LIMITS.sectionText): string {
  const marked = `>${escapeText(text).replace(/\n/g, '\n>')}`;
  return marked.length <= room ? marked : escapeText(text);
}

/** Bold, line by line (Slack's bold ends at a line break), spacing left outside the marks. */
function bold(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^(\s*)(\S(?:.*\S)?)(\s*)$/u, '$1*$2*$3'))
    .join('\n');
}

/**
 * A draft's words as a quote with the filled-in words legal has not seen in bold. Should the marks
 * not fit the section, the plain quote: the list below the quote still names them.
 */
export function quotedWithUnseen(text: string, unseen: readonly FilledWords[], room: number = LIMITS.sectionText): string {
  const parts = markUnseen(text, unseen);
  // Words that carry their own asterisks would break the marks: the list below names them anyway.
  if (unseen.length === 0 || parts.some((p) => p.unseen && p.text.includes('*'))) return quoted(text, room);
  const marked = `>${parts
    .map((part) => (part.unseen ? bold(escapeText(part.text)) : escapeText(part.text)))
    .join('')
    .replace(/\n/g, '\n>')}`;
  return marked.length <= room ? marked : quoted(text, room);
}

/** Under a draft from a template: which filled-in words legal has not approved in this crisis (a template's own wording is not listed: legal cleared it, or reviews it now). */
function unseenLine(unseen: readonly FilledWords[]): string {
  const listed = unseen.map((w) => `${FILLED_WORDS_LABELS[w.placeholder]} “${escapeText(w.text)}”`).join('; ');
  return `:mag: *Legal has not seen these words* (in bold above), filled into the template from the crisis: ${listed}.`;
}

const people = (ids: readonly string[]): string => ids.map(mention).join(', ');

/** Who a draft waits for: legal, or the lead standing in; never the people who wrote it. */
function reviewerText(snapshot: CrisisSnapshot, s: Statement): string {
  const { holders } = snapshot;
  const legalRequired = snapshot.statements?.legalRequired ?? false;
  const others = otherReviewers(s, holders, [], legalRequired);
  if (others.legal.length) return `legal (${people(others.legal)})`;
  if (holders.legal.length) return `a crisis admin: legal (${people(holders.legal)}) wrote it, and nobody approves their own words`;
  if (others.lead.length) return `the lead (${people(others.lead)}), as there is no legal holder`;
  if (legalRequired) return 'legal: this crisis type needs legal for every statement and nobody holds legal yet (`/crisis assign @person legal`); the lead does not stand in';
  if (holders.lead.length) return 'legal or a crisis admin: the lead wrote it, and nobody approves their own words (`/crisis assign @person legal`)';
  return 'legal';
}

/** Who approved it, in words: "<@U1> (legal)", "the pre-approved template `x`". */
export function approverText(s: Pick<Statement, 'approvedAs' | 'approvedBy' | 'templateId'>): string {
  switch (s.approvedAs) {
    case 'template':
      return `the pre-approved template \`${s.templateId ?? ''}\``;
    case 'lead':
      return `${s.approvedBy ? mention(s.approvedBy) : 'the lead'}, the lead (no legal holder)`;
    case 'admin':
      return `${s.approvedBy ? mention(s.approvedBy) : 'an admin'} (crisis admin)`;
    case 'legal':
      return `${s.approvedBy ? mention(s.approvedBy) : 'legal'} (legal)`;
    case null:
      return s.approvedBy ? mention(s.approvedBy) : 'nobody (published before review existed)';
  }
}

/** The promise a published statement made, and what became of it. */
export function promiseText(s: Pick<Statement, 'promiseState' | 'promiseDueAt' | 'keptBy'>, timeZone: string, now?: Date): string {
  const due = s.promiseDueAt ? formatTime(s.promiseDueAt, timeZone, now) : '';
  switch (s.promiseState) {
    case 'none':
      return 'no next statement promised';
    case 'pending':
      return `next statement promised by ${due}`;
    case 'kept':
      return `promise kept by S${s.keptBy ?? '?'} (due ${due})`;
    case 'broken':
      return `:x: promise broken: the next statement was due ${due}`;
    case 'ended':
      return `promised the next by ${due}; the crisis was resolved first`;
  }
}

function stateLine(snapshot: CrisisSnapshot, s: Statement, timeZone: string): string {
  const { holders } = snapshot;
  switch (s.state) {
    case 'draft':
      return `:hourglass_flowing_sand: Waiting for review by ${reviewerText(snapshot, s)}.`;
    case 'changes_requested':
      return `:leftwards_arrow_with_hook: Sent back by ${s.reviewedBy ? mention(s.reviewedBy) : 'legal'}: “${escapeText(s.reviewComment ?? '')}” Waiting for ${mention(s.authorId)} to edit it.`;
    case 'approved': {
      const voice = holders.spokesperson.length ? `the spokesperson (${people(holders.spokesperson)})` : `the lead (${people(holders.lead)}), as there is no spokesperson`;
      return `:white_check_mark: Approved by ${approverText(s)}. Ready for ${voice} to publish.`;
    }
    case 'published':
      return `:mega: Published to *${escapeText(s.publishedTo ?? '')}* by ${s.publishedBy ? mention(s.publishedBy) : 'the spokesperson'} ${s.publishedAt ? formatTime(s.publishedAt, timeZone) : ''} · approved by ${approverText(s)} · ${promiseText(s, timeZone)}`;
  }
}

function buttonsFor(s: Statement): KnownBlock[] {
  const value = String(s.id);
  const edit = button('Edit', ACTIONS.statementEdit, value);
  const changes = button('Request changes', ACTIONS.statementChanges, value);
  switch (s.state) {
    case 'draft':
      return [actions('statement_actions', button('Approve', ACTIONS.statementApprove, value, 'primary'), changes, edit)];
    case 'changes_requested':
      return [actions('statement_actions', edit)];
    case 'approved':
      return [actions('statement_actions', button('Publish', ACTIONS.statementPublish, value, 'primary'), changes, edit)];
    case 'published':
      return [];
  }
}

/** The statement's message in the crisis channel: its words, its state and what can be done next. */
export function buildStatementMessage(snapshot: CrisisSnapshot, s: Statement, timeZone: string): Message {
  const cadence = snapshot.reminder?.cadenceMinutes ?? 60;
  const head = `${STATE_EMOJI[s.state]} *S${s.number}* · ${STATEMENT_STATE_LABELS[s.state]} · ${AUDIENCE_LABELS[s.audience]}`;
  const origin = s.templateId ? ` from template \`${s.templateId}\`${s.preApproved ? ' (pre-approved, unedited)' : ''}` : '';
  // Once approved, legal has seen them: the marks are for the review.
  const unseen = s.state === 'draft' || s.state === 'changes_requested' ? s.unseenWords : [];
  const edited = s.editedAt && s.editedBy ? ` · edited by ${mention(s.editedBy)} ${formatTime(s.editedAt, timeZone)}` : '';
  const resolved = snapshot.crisis.status === 'resolved';
  const promise = s.state === 'published' ? '' : resolved ? ' · promises no next statement (the crisis is resolved)' : ` · promises the next statement ${nextPromiseText(s.nextMinutes, cadence)}`;
  return {
    text: `Statement S${s.number} (${STATEMENT_STATE_LABELS[s.state]})`,
    blocks: [
      section(head, 'statement_body'),
      section(quotedWithUnseen(s.text, unseen), 'statement_text'),
      ...(unseen.length ? [section(unseenLine(unseen), 'statement_unseen')] : []),
      context(`Drafted by ${mention(s.authorId)}${origin}${edited}${promise}`),
      section(stateLine(snapshot, s, timeZone), 'statement_state'),
      // Where it was delivered: each target's state (the publishing feature's outbox).
      ...deliveryBlocks(snapshot.deliveries, s.id, timeZone),
      ...buttonsFor(s),
    ],
  };
}

/** In the channel once a statement is marked published: what customers were told, where, and what it promises. */
export function buildPublishedMessage(s: Statement, timeZone: string): Message {
  const by = s.publishedBy ? mention(s.publishedBy) : 'the spokesperson';
  const now = s.publishedAt ? new Date(s.publishedAt) : undefined;
  const promise = s.promiseState === 'pending' && s.promiseDueAt ? `Next statement promised by ${formatTime(s.promiseDueAt, timeZone, now)}.` : 'No next statement promised (the crisis is resolved).';
  return {
    text: `S${s.number} published to ${escapeText(s.publishedTo ?? '')}`,
    blocks: [section(`:mega: *S${s.number} published* to *${escapeText(s.publishedTo ?? '')}* by ${by}`, 'statement_published'), section(quoted(s.text), 'statement_text'), context(promise)],
  };
}

/** To the author when legal sends the draft back: the comment, the draft, and the Edit button. */
export function buildChangesDm(snapshot: CrisisSnapshot, s: Statement): Message {
  const { crisis } = snapshot;
  const who = s.reviewedBy ? mention(s.reviewedBy) : 'Legal';
  const text = `:leftwards_arrow_with_hook: ${who} sent *S${s.number}* back for changes in ${channelLink(crisis.channelId)} (*${escapeText(crisis.title)}*):\n${quoted(s.reviewComment ?? '')}`;
  return {
    text: `S${s.number} sent back for changes`,
    blocks: [section(text, 'statement_changes'), section('*Your draft*'), section(quoted(s.text)), actions('statement_dm_actions', button('Edit the draft', ACTIONS.statementEdit, String(s.id), 'primary'))],
  };
}

/** Ten minutes before a promised statement is due (halfway for a shorter promise), in the channel. */
export function buildPromiseReminder(alert: PromiseAlertMessage, timeZone: string): Message {
  const who = alert.mentionIds.map(mention).join(' ') || 'Team (no spokesperson or lead: assign one)';
  const s = alert.statement;
  const text = `:alarm_clock: ${who}: S${s.number} promised customers the next statement by ${formatTime(alert.dueAt, timeZone, new Date(alert.sentAt))}, in ${alert.minutesLeft} min. Draft it (\`/crisis statement &lt;text&gt;\`, or from a template), get it approved and publish it: even "no news yet, next update by …" keeps the promise.`;
  return { text: `Promise due in ${alert.minutesLeft} min: S${s.number}`, blocks: [section(text, 'promise_alert')] };
}

/** When the time passed with no newer statement, in the channel: mentioning who owed it, and saying whether the lead was told. */
export function buildPromiseBrokenInChannel(alert: PromiseAlertMessage, timeZone: string): Message {
  const s = alert.statement;
  const who = alert.mentionIds.map(mention).join(' ') || 'Team (no spokesperson or lead: assign one)';
  const by = s.publishedBy ? ` by ${mention(s.publishedBy)}` : '';
  const lead = alert.leadIds.length ? ` The lead (${people(alert.leadIds)}) has been told.` : ' There is no lead to tell: assign one with `/crisis assign @person lead`.';
  const text = `:rotating_light: ${who}: a promise to customers was broken. S${s.number} (published to ${escapeText(s.publishedTo ?? '')}${by}) promised the next statement by ${formatTime(alert.dueAt, timeZone, new Date(alert.sentAt))}, and none was published. Get one out now, and say in it when the next comes.${lead}`;
  return { text: `Promise broken: S${s.number}`, blocks: [section(text, 'promise_alert')] };
}

/** When the time passed with no newer statement: to the lead by DM. */
export function buildPromiseBroken(snapshot: CrisisSnapshot, alert: PromiseAlertMessage, timeZone: string): Message {
  const { crisis } = snapshot;
  const s = alert.statement;
  const where = `${channelLink(crisis.channelId)} (*${escapeText(crisis.title)}*)`;
  const text = `:rotating_light: A promise to customers was broken in ${where}: S${s.number} (published to ${escapeText(s.publishedTo ?? '')}) promised the next statement by ${formatTime(alert.dueAt, timeZone, new Date(alert.sentAt))}, and none was published. As lead, please see that one goes out now and says when the next comes.`;
  return { text: `Promise broken: S${s.number}`, blocks: [section(text, 'promise_alert')] };
}

/** Once per crisis whose playbook requires legal: drafts wait, and nobody holds legal. */
export function buildLegalNeeded(snapshot: CrisisSnapshot, waiting: readonly number[]): Message {
  const { holders } = snapshot;
  const drafts = waiting.map((n) => `S${n}`).join(', ');
  const lead = holders.lead.length ? `${people(holders.lead)}: ` : '';
  const type = snapshot.typeLabel ? ` (${escapeText(snapshot.typeLabel)})` : '';
  const text = `:scales: ${lead}a legal holder is needed. This crisis type's playbook${type} requires legal to approve every statement, so the lead does not stand in, and nobody holds legal: ${drafts} ${waiting.length === 1 ? 'waits' : 'wait'}. Name one with \`/crisis assign @person legal\`; a crisis admin may also approve.`;
  return { text: 'A legal holder is needed', blocks: [section(text, 'legal_needed')] };
}
