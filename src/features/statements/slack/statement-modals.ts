/**
 * The statement modals: drafting in two steps (which template and when the next statement is
 * promised; then the audience and the words, prefilled from the template), sending a draft back
 * with a comment, publishing with where it went, and editing a draft.
 */
import type { ModalView } from '@slack/types';
import { formatMinutes } from '../../../core/cadence';
import type { Crisis } from '../../../core/crisis';
import { FILLED_WORDS_LABELS, type FilledWords } from '../filled-words';
import { AUDIENCE_LABELS, AUDIENCES, type StatementTemplate } from '../../../core/playbook';
import { MAX_STATEMENT_LENGTH } from '../statement-text';
import { MAX_COMMENT_LENGTH, MAX_WHERE_LENGTH, type Statement } from '../statements';
import { INPUTS, VIEWS } from '../../../slack/ids';
import { context, escapeText, section, truncate } from '../../../slack/views/blocks';
import { form, option, selectInput, textInput } from '../../../slack/views/modals';
import { quoted } from './statement-messages';
import { targetCheckboxes, type TargetChoices } from '../../publishing';

/** The template picker's value for "no template". */
export const NO_TEMPLATE = '-';
/** The next-statement picker's value for "the crisis's update cadence". */
export const CADENCE_CHOICE = 'cadence';
const NEXT_CHOICES = [15, 30, 60, 120, 240, 480, 1440];
/** Slack's text inputs hold at most 3000 characters; the limit of a statement is checked on submit. */
const TEXT_INPUT_MAX = 3000;

export interface ComposeMeta {
  crisisId: number;
  templateId: string | null;
  /** null: the cadence. */
  next: number | null;
  /** The prefilled words' fingerprint and what they promise (a template's {next_update}). */
  digest: string | null;
  statedDueAt: string | null;
  statedDueText: string | null;
}

/** Step 1: which template (or none) and when the next statement is promised. */
export function buildStatementPickModal(crisis: Crisis, templates: readonly StatementTemplate[], cadenceMinutes: number): ModalView {
  const templateOptions = [
    option('No template: write it myself', NO_TEMPLATE),
    ...templates.slice(0, 99).map((t) => option(`${t.id} · ${AUDIENCE_LABELS[t.audience]}${t.preApproved ? ' · pre-approved' : ''}`, t.id)),
  ];
  const nextOptions = [option(`The update cadence (${formatMinutes(cadenceMinutes)})`, CADENCE_CHOICE), ...NEXT_CHOICES.map((m) => option(formatMinutes(m), String(m)))];
  return form(VIEWS.statementPick, 'Draft a statement', 'Next', JSON.stringify({ crisisId: crisis.id }), [
    section('Customers hear one voice: legal reviews every draft and the spokesperson publishes it. A pre-approved template left unedited needs no review, once legal has seen the words filled into it (the title, the impact).'),
    selectInput(INPUTS.statementTemplate, 'Start from', templateOptions, templates[0]?.id ?? NO_TEMPLATE, {
      hint: "This crisis type's templates first, then the general ones. The next step shows the text, filled in, to edit.",
    }),
    selectInput(INPUTS.statementNext, 'Next statement promised', nextOptions, CADENCE_CHOICE, {
      hint: 'Counted from publishing. The spokesperson is reminded 10 minutes before; the channel and the lead are told if it does not come.',
    }),
  ]);
}

/**
 * Step 2: the audience and the words, prefilled from the template when there is one. `unseen`: the
 * words filled in that legal has not approved in this crisis (a pre-approved template then goes to
 * review all the same).
 */
export function buildStatementComposeModal(meta: ComposeMeta, template: StatementTemplate | undefined, prefilled: string, unseen: readonly FilledWords[] = []): ModalView {
  const unseenNames = unseen.map((w) => FILLED_WORDS_LABELS[w.placeholder]).join(' and ');
  const note = template
    ? template.preApproved
      ? unseenNames
        ? `From the pre-approved template \`${template.id}\`, but legal has not approved ${unseenNames} filled into it in this crisis, so legal reviews it before it is published.`
        : `From the pre-approved template \`${template.id}\`: left as it is (same audience), it is approved at once; any edit sends it to legal.`
      : `From the template \`${template.id}\`, which legal reviews before it is published.`
    : 'Written by hand: legal reviews it before it is published.';
  return form(VIEWS.statementCompose, 'Draft a statement', 'Draft', JSON.stringify(meta), [
    context(note),
    selectInput(INPUTS.statementAudience, 'Audience', AUDIENCES.map((a) => option(AUDIENCE_LABELS[a], a)), template?.audience ?? 'customers'),
    textInput(INPUTS.statementText, 'Statement', {
      multiline: true,
      max: TEXT_INPUT_MAX,
      ...(prefilled ? { initial: truncate(prefilled, TEXT_INPUT_MAX) } : {}),
      placeholder: 'What customers need to know now, and when they will hear from us next.',
      hint: `At most ${MAX_STATEMENT_LENGTH} characters. Say only what is confirmed; promise only what you can keep.`,
    }),
  ]);
}

function statementSection(s: Statement): ReturnType<typeof section> {
  return section(`*S${s.number}*\n${quoted(truncate(s.text, 2900))}`);
}

/** Legal sends a draft back: the comment goes to the author by DM. */
export function buildChangesModal(s: Statement): ModalView {
  return form(VIEWS.statementChanges, `Changes to S${s.number}`, 'Send back', JSON.stringify({ statementId: s.id }), [
    statementSection(s),
    textInput(INPUTS.statementComment, 'What should change', { multiline: true, max: MAX_COMMENT_LENGTH, placeholder: 'Do not name the supplier; say "a partner".' }),
  ]);
}

/** The spokesperson marks an approved statement published, saying where. */
export function buildPublishModal(s: Statement, choices: TargetChoices = { targets: [], selected: undefined }): ModalView {
  const offered = choices.targets.length > 0;
  return form(VIEWS.statementPublish, `Publish S${s.number}`, 'Publish', JSON.stringify({ statementId: s.id }), [
    statementSection(s),
    ...targetCheckboxes(choices),
    textInput(INPUTS.statementWhere, offered ? 'Also published elsewhere (recorded only)' : 'Where it was published', {
      max: MAX_WHERE_LENGTH,
      optional: offered,
      ...(offered ? {} : { initial: AUDIENCE_LABELS[s.audience] }),
      hint: 'e.g. X/Twitter, press release, app banner. Publishing starts its promise clock.',
    }),
  ]);
}

/** The author (or spokesperson, or lead) edits a draft; it goes back to legal. */
export function buildEditModal(s: Statement): ModalView {
  const sentBack = s.state === 'changes_requested' && s.reviewComment ? [section(`*Changes asked for*\n${quoted(s.reviewComment)}`)] : [];
  return form(VIEWS.statementEdit, `Edit S${s.number}`, 'Save', JSON.stringify({ statementId: s.id }), [
    ...sentBack,
    textInput(INPUTS.statementText, 'Statement', { multiline: true, max: TEXT_INPUT_MAX, initial: truncate(s.text, TEXT_INPUT_MAX), hint: 'Saving sends it to legal for review again.' }),
    context(`Audience: ${escapeText(AUDIENCE_LABELS[s.audience])}`),
  ]);
}
