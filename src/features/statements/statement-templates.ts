/**
 * Statements drafted from playbook templates: finding a template, filling it for the crisis as it
 * is now, the filled-in words legal has not seen (filled-words.ts), and whether a draft from a
 * pre-approved template stands approved by it or goes to review. Plain functions over the service
 * dependencies, used by StatementService (statement-service.ts); they read and never write.
 */
import { DEFAULT_CADENCE_MINUTES } from '../../core/cadence';
import { isOpen, STATUS_LABELS, type Crisis } from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import { cutGraphemes } from '../../core/text';
import { standsIn, unseenWords, type FilledWords } from './filled-words';
import { AUDIENCE_LABELS, type Audience, type StatementTemplate } from '../../core/playbook';
import { fillStatementTemplate, promisesNextUpdate, sameWords, wordsDigest, type FilledTemplate } from './statement-text';
import type { ServiceDeps } from '../../core/deps';

export function templateLine(t: StatementTemplate): string {
  return `\`${t.id}\` (${AUDIENCE_LABELS[t.audience]}${t.preApproved ? ', pre-approved' : ''})`;
}

/** A template this crisis may use, or a refusal listing them. */
export function findTemplate(deps: Pick<ServiceDeps, 'playbooks'>, crisis: Pick<Crisis, 'type'>, id: string): StatementTemplate {
  const found = deps.playbooks.template(crisis.type, id);
  if (found) return found;
  const shown = cutGraphemes(id, 40, '').replace(/`/g, "'");
  throw new CrisisError(
    'not_found',
    `There is no template \`${shown}\` for this crisis (${deps.playbooks.label(crisis.type)}). Templates: ${deps.playbooks.templatesFor(crisis.type).map(templateLine).join(', ') || 'none'}. Draft from one with \`/crisis statement from <id>\`. Nothing changed.`,
  );
}

/** The crisis's update cadence in minutes: what a statement promises when it names no time. */
export function cadenceOf(deps: Pick<ServiceDeps, 'store'>, crisis: Crisis): number {
  return deps.store.reminders.get(crisis.id)?.cadenceMinutes ?? DEFAULT_CADENCE_MINUTES[crisis.severity];
}

/**
 * A template's text filled for this crisis now, promising the next statement `nextMinutes` (or the
 * cadence) from now; `nextText`: the words `{next_update}` was filled with before (the modal's first step).
 */
export function fillFor(deps: Pick<ServiceDeps, 'store' | 'clock' | 'settings'>, crisis: Crisis, template: StatementTemplate, nextMinutes: number | null, nextText?: string): FilledTemplate {
  const now = deps.clock.now();
  const minutes = nextMinutes ?? cadenceOf(deps, crisis);
  return fillStatementTemplate(template, {
    title: crisis.title,
    status: STATUS_LABELS[crisis.status],
    impact: crisis.customerImpact,
    nextDueAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
    ...(nextText !== undefined ? { nextText } : {}),
    timeZone: deps.settings.timeZone,
    now,
  });
}

/** The free text filled in that legal (or a crisis admin) has not approved in this crisis. */
export function unseenIn(deps: Pick<ServiceDeps, 'store'>, crisisId: number, words: readonly FilledWords[]): FilledWords[] {
  return words.length ? unseenWords(words, deps.store.statements.legalApprovedTexts(crisisId)) : [];
}

/**
 * A template that says when the next update comes may not be drafted once the crisis is resolved:
 * a resolved crisis promises nothing, and the bot would track no promise its text makes.
 */
export function checkTemplateUse(crisis: Pick<Crisis, 'status'>, template: StatementTemplate): void {
  if (isOpen(crisis) || !promisesNextUpdate(template)) return;
  throw new CrisisError(
    'conflict',
    `This crisis is resolved, so no statement promises customers a next update, and the template \`${template.id}\` says when the next comes (\`{next_update}\`). Write the text by hand: \`/crisis statement <text>\`, or the statement form with "No template". Nothing changed.`,
    'template',
  );
}

/** How a draft from a template stands: approved at once by it, or to review with the words legal has not seen. */
export interface TemplateStanding {
  /** Approved at once "by the template". */
  preApproved: boolean;
  /** A pre-approved template left unedited (approved at once unless words are unseen). */
  fromPreApproved: boolean;
  /** Filled-in words legal has not seen that stand in the text. */
  unseen: FilledWords[];
}

/** `statement from <id>`: the template filled now, unedited. */
export function standingOfFilled(deps: Pick<ServiceDeps, 'store'>, crisis: Crisis, template: StatementTemplate, filled: FilledTemplate): TemplateStanding {
  const unseen = unseenIn(deps, crisis.id, filled.freeWords);
  return { preApproved: template.preApproved && unseen.length === 0, fromPreApproved: template.preApproved, unseen };
}

/**
 * The statement form's second step: `text` as submitted, prefilled from `template` (its words'
 * fingerprint and the time `{next_update}` said). The template is filled again from the crisis as
 * it is now with that time: unedited means the same words as both, for the template's audience.
 */
export function standingOfComposed(
  deps: Pick<ServiceDeps, 'store' | 'clock' | 'settings'>,
  crisis: Crisis,
  template: StatementTemplate,
  draft: { text: string; audience: Audience; nextMinutes: number | null; prefilled?: { digest: string; statedDueText: string | null } },
): TemplateStanding {
  const { text, prefilled } = draft;
  const refilled = fillFor(deps, crisis, template, draft.nextMinutes, prefilled?.statedDueText ?? undefined);
  const unedited = prefilled !== undefined && wordsDigest(text) === prefilled.digest && sameWords(text, refilled.text) && draft.audience === template.audience;
  // Filled-in words legal has not seen, wherever they still stand in the text.
  const unseen = unseenIn(deps, crisis.id, refilled.freeWords).filter((w) => standsIn(w.text, text));
  const fromPreApproved = unedited && template.preApproved;
  return { preApproved: fromPreApproved && unseen.length === 0, fromPreApproved, unseen };
}
