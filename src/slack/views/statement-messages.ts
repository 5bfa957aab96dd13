/**
 * Statements on screen, where the team works on them: the draft's message in the crisis channel
 * (kept in step with its state, with the buttons of that state), the published text, the author's
 * DM when legal sends a draft back, and the promise alerts. Pure builders.
 */
import type { KnownBlock } from '@slack/types';
import { AUDIENCE_LABELS } from '../../domain/playbook';
import { nextPromiseText } from '../../domain/statement-text';
import { STATEMENT_STATE_LABELS, type Statement } from '../../domain/statements';
import type { CrisisSnapshot } from '../../services/ports';
import type { PromiseAlertMessage } from '../../services/statement-ports';
import { ACTIONS } from '../ids';
import { actions, button, channelLink, context, escapeText, LIMITS, mention, section } from './blocks';
import { formatTime } from './format';
import type { Message } from './messages';

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

const people = (ids: readonly string[]): string => ids.map(mention).join(', ');

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
    case 'draft': {
      const reviewer = holders.legal.length ? `legal (${people(holders.legal)})` : holders.lead.length ? `the lead (${people(holders.lead)}), as there is no legal holder` : 'legal';
      return `:hourglass_flowing_sand: Waiting for review by ${reviewer}.`;
    }
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
  const edited = s.editedAt && s.editedBy ? ` · edited by ${mention(s.editedBy)} ${formatTime(s.editedAt, timeZone)}` : '';
  const resolved = snapshot.crisis.status === 'resolved';
  const promise = s.state === 'published' ? '' : resolved ? ' · promises no next statement (the crisis is resolved)' : ` · promises the next statement ${nextPromiseText(s.nextMinutes, cadence)}`;
  return {
    text: `Statement S${s.number} (${STATEMENT_STATE_LABELS[s.state]})`,
    blocks: [
      section(head, 'statement_body'),
      section(quoted(s.text), 'statement_text'),
      context(`Drafted by ${mention(s.authorId)}${origin}${edited}${promise}`),
      section(stateLine(snapshot, s, timeZone), 'statement_state'),
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

/** Ten minutes before a promised statement is due, in the channel. */
export function buildPromiseReminder(alert: PromiseAlertMessage, timeZone: string): Message {
  const who = alert.mentionIds.map(mention).join(' ') || 'Team (no spokesperson or lead: assign one)';
  const s = alert.statement;
  const text = `:alarm_clock: ${who}: S${s.number} promised customers the next statement by ${formatTime(alert.dueAt, timeZone, new Date(alert.sentAt))}, in ${alert.minutesLeft} min. Draft it (\`/crisis statement &lt;text&gt;\`, or from a template), get it approved and publish it: even "no news yet, next update by …" keeps the promise.`;
  return { text: `Promise due in ${alert.minutesLeft} min: S${s.number}`, blocks: [section(text, 'promise_alert')] };
}

/** When the time passed with no newer statement: to the lead by DM, or the channel when there is none. */
export function buildPromiseBroken(snapshot: CrisisSnapshot, alert: PromiseAlertMessage, timeZone: string, toLead: boolean): Message {
  const { crisis } = snapshot;
  const s = alert.statement;
  const where = `${channelLink(crisis.channelId)} (*${escapeText(crisis.title)}*)`;
  const text = `:rotating_light: A promise to customers was broken in ${where}: S${s.number} (published to ${escapeText(s.publishedTo ?? '')}) promised the next statement by ${formatTime(alert.dueAt, timeZone, new Date(alert.sentAt))}, and none was published.${toLead ? ' As lead, please see that one goes out now and says when the next comes.' : ' There is no lead to tell: assign one with `/crisis assign @person lead`.'}`;
  return { text: `Promise broken: S${s.number}`, blocks: [section(text, 'promise_alert')] };
}
