/**
 * The words of a statement: a template filled for this crisis, the checks every text passes
 * (not empty, fits a Slack section), the promised time as customers read it, and whether an
 * edit changed anything. Pure; the time zone and `now` are passed in.
 */
import { createHash } from 'node:crypto';
import { formatMinutes } from '../../core/cadence';
import { CrisisError } from '../../core/errors';
import { freeWordsOf, type FilledWords } from './filled-words';
import { fillTemplate, type StatementTemplate } from '../../core/playbook';
import { MAX_NEXT_MINUTES, MIN_NEXT_MINUTES } from './statements';

/**
 * Longest statement: what one Slack section holds beside its heading, counted escaped (`&` is 5,
 * `<` and `>` 4 each), as the channel will hold it. The same bound as every free text.
 */
export const MAX_STATEMENT_LENGTH = 2800;

function escapedLength(text: string): number {
  return text.length + 4 * (text.match(/&/g)?.length ?? 0) + 3 * (text.match(/[<>]/g)?.length ?? 0);
}

/** Why a statement's text is refused (empty or over Slack's limit), or undefined when it is fine. */
export function statementTextProblem(text: string): string | undefined {
  if (text.trim().length === 0) return 'A statement needs some text, e.g. `/crisis statement We are aware that checkout is failing and are working on it.`';
  const escaped = escapedLength(text);
  if (escaped <= MAX_STATEMENT_LENGTH) return undefined;
  if (text.length > MAX_STATEMENT_LENGTH) return `The statement is ${text.length} characters; keep it to ${MAX_STATEMENT_LENGTH} or fewer (what one Slack message section holds).`;
  return `The statement is ${text.length} characters, but ${escaped} in Slack, where each ampersand counts as 5 and each angle bracket as 4; keep it to ${MAX_STATEMENT_LENGTH} or fewer.`;
}

export function assertStatementText(text: string, field?: string): string {
  const problem = statementTextProblem(text);
  if (problem) throw new CrisisError('bad_input', `${problem} Nothing changed.`, field);
  return text.trim();
}

export const NEXT_RANGE_TEXT = 'from 1 minute to 24 hours after publishing, e.g. `next 30m` or `next 2h`';

export function assertNextMinutes(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < MIN_NEXT_MINUTES || minutes > MAX_NEXT_MINUTES) {
    throw new CrisisError('bad_input', `The next statement can be promised ${NEXT_RANGE_TEXT}. Nothing changed.`);
  }
  return minutes;
}

/**
 * A template's text as one statement: the line breaks of the YAML file inside a paragraph become
 * spaces (customers should not read a sentence broken in two); blank lines between paragraphs stay.
 */
export function reflow(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trim()).filter(Boolean).join(' '))
    .join('\n\n');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** "10:30 UTC" on the same day as `now` in `timeZone`, "27 Nov 10:30 UTC" otherwise: words for customers. */
export function promiseTimeText(iso: string, timeZone: string, now: Date): string {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    clockFormats.set(timeZone, format);
  }
  const parts = (d: Date): Record<string, string> => Object.fromEntries(format.formatToParts(d).map((p) => [p.type, p.value]));
  const at = parts(new Date(iso));
  const today = parts(now);
  const sameDay = at.year === today.year && at.month === today.month && at.day === today.day;
  const zone = timeZone === 'UTC' ? 'UTC' : (at.timeZoneName ?? timeZone);
  const clock = `${at.hour ?? ''}:${at.minute ?? ''} ${zone}`;
  return sameDay ? clock : `${Number(at.day)} ${MONTHS[Number(at.month) - 1] ?? ''} ${clock}`;
}

export interface TemplateContext {
  title: string;
  /** The status as people read it. */
  status: string;
  impact: string;
  /** When the next statement is promised if published now. */
  nextDueAt: string;
  /** The words `{next_update}` says, when they were written before (the modal's first step); else from nextDueAt. */
  nextText?: string;
  timeZone: string;
  now: Date;
}

export interface FilledTemplate {
  text: string;
  /** Set when the template says when the next update comes ({next_update}). */
  statedDueAt: string | null;
  statedDueText: string | null;
  /** The free text filled in ({title}, {impact}): legal must have seen it (see filled-words.ts). */
  freeWords: FilledWords[];
}

/** What `{impact}` says: templates use it as a sentence of its own, so it ends like one. */
export const IMPACT_UNKNOWN = 'We are still assessing the impact.';

export function impactSentence(impact: string): string {
  const text = impact.trim();
  if (!text) return IMPACT_UNKNOWN;
  return /[.!?…)"”']$/.test(text) ? text : `${text}.`;
}

/** A template's text for this crisis, with what it promises when it names the next update's time. */
export function fillStatementTemplate(template: Pick<StatementTemplate, 'text'>, context: TemplateContext): FilledTemplate {
  const nextText = context.nextText ?? promiseTimeText(context.nextDueAt, context.timeZone, context.now);
  const impact = impactSentence(context.impact);
  const text = reflow(
    fillTemplate(template.text, {
      title: context.title,
      status: context.status,
      impact,
      next_update: nextText,
    }),
  );
  const names = template.text.includes('{next_update}');
  // With no impact recorded, {impact} says IMPACT_UNKNOWN: the bot's words, not someone's.
  const freeWords = freeWordsOf(template.text, { title: context.title, ...(context.impact.trim() ? { impact } : {}) });
  return { text, statedDueAt: names ? context.nextDueAt : null, statedDueText: names ? nextText : null, freeWords };
}

/** Whether a template promises the next update's time (`{next_update}`): a resolved crisis promises nothing. */
export function promisesNextUpdate(template: Pick<StatementTemplate, 'text'>): boolean {
  return template.text.includes('{next_update}');
}

/** Texts that differ only in spacing are the same words: an edit must change a word to count. */
export function sameWords(a: string, b: string): boolean {
  const norm = (t: string): string => t.replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** A short fingerprint of a text's words (spacing aside): what a modal keeps to tell an edit from none. */
export function wordsDigest(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 32);
}

/** "1 h after publishing" or "the update cadence (every 1 h) after publishing". */
export function nextPromiseText(nextMinutes: number | null, cadenceMinutes: number): string {
  return nextMinutes === null ? `${formatMinutes(cadenceMinutes)} after publishing (the update cadence)` : `${formatMinutes(nextMinutes)} after publishing`;
}
