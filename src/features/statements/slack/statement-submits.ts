/**
 * The statement modals' submissions. Step 1 (template, next promised) turns the modal into step 2
 * with the text prefilled; step 2 drafts. Field mistakes come back as field errors and keep the
 * modal open; then the modal closes and the service does the work, its outcome told ephemerally in
 * the crisis channel.
 */
import type { AckFn, SlackViewMiddlewareArgs, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { isCrisisError } from '../../../core/errors';
import type { FilledWords } from '../filled-words';
import { AUDIENCES, type Audience } from '../../../core/playbook';
import { sameWords, statementTextProblem, wordsDigest } from '../statement-text';
import { MAX_COMMENT_LENGTH, MAX_NEXT_MINUTES, MAX_WHERE_LENGTH, MIN_NEXT_MINUTES } from '../statements';
import type { StatementChange } from '../statement-service';
import { INPUTS } from '../../../slack/ids';
import { okReply } from '../../../slack/views/replies';
import { buildStatementComposeModal, CADENCE_CHOICE, NO_TEMPLATE, type ComposeMeta } from './statement-modals';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, tellUser } from '../../../slack/listeners/reply';
import { checkedValues, fieldError, meta, parseMeta, selectedValue, textValue } from '../../../slack/listeners/views/submission';
import { PUBLISH_TARGETS_INPUT, whereFrom } from '../../publishing';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction>;

const StatementMeta = z.object({ statementId: z.number().int().positive() });
const Compose = z.object({
  crisisId: z.number().int().positive(),
  templateId: z.string().max(60).nullable(),
  next: z.number().int().min(MIN_NEXT_MINUTES).max(MAX_NEXT_MINUTES).nullable(),
  digest: z.string().max(64).nullable(),
  statedDueAt: z.string().max(40).nullable(),
  statedDueText: z.string().max(60).nullable(),
});

/** Acks, runs the change and tells the person how it went, in the crisis channel (or by DM). */
async function closeAndRun(deps: ListenerDeps, ack: AckFn<ViewResponseAction>, userId: string, channelId: string, what: string, work: () => Promise<StatementChange>): Promise<void> {
  await ack();
  try {
    const result = await work();
    await tellUser(deps, userId, channelId, okReply(result.message, result.warnings));
  } catch (err) {
    await tellUser(deps, userId, channelId, messageForError(err, deps, { view: what, userId }));
  }
}

export function statementPickSubmit(deps: ListenerDeps) {
  return async ({ ack, view }: Args): Promise<void> => {
    const { crisisId } = meta.crisis(view.private_metadata);
    const crisis = deps.services.deps.store.crises.get(crisisId);
    const picked = selectedValue(view.state.values, INPUTS.statementTemplate) ?? NO_TEMPLATE;
    const nextChoice = selectedValue(view.state.values, INPUTS.statementNext) ?? CADENCE_CHOICE;
    const next = nextChoice === CADENCE_CHOICE ? null : Number(nextChoice);
    if (next !== null && (!Number.isInteger(next) || next < MIN_NEXT_MINUTES || next > MAX_NEXT_MINUTES)) {
      return fieldError(ack, INPUTS.statementNext.block, 'Pick when the next statement is promised.');
    }
    let compose: ComposeMeta = { crisisId, templateId: null, next, digest: null, statedDueAt: null, statedDueText: null };
    let prefilled = '';
    const template = picked === NO_TEMPLATE ? undefined : deps.services.playbooks.template(crisis.type, picked);
    if (picked !== NO_TEMPLATE && !template) return fieldError(ack, INPUTS.statementTemplate.block, 'That template is no longer in the playbook; pick another.');
    let unseen: FilledWords[] = [];
    if (template) {
      try {
        deps.services.statements.checkTemplateUse(crisis, template);
      } catch (err) {
        if (isCrisisError(err)) return fieldError(ack, INPUTS.statementTemplate.block, err.message);
        throw err;
      }
      const filled = deps.services.statements.fill(crisis, template, next);
      prefilled = filled.text;
      unseen = deps.services.statements.unseen(crisis, filled.freeWords);
      compose = { ...compose, templateId: template.id, digest: wordsDigest(filled.text), statedDueAt: filled.statedDueAt, statedDueText: filled.statedDueText };
    }
    await ack({ response_action: 'update', view: buildStatementComposeModal(compose, template, prefilled, unseen) });
  };
}

export function statementComposeSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const compose = parseMeta(Compose, view.private_metadata);
    const crisis = deps.services.deps.store.crises.get(compose.crisisId);
    const text = textValue(view.state.values, INPUTS.statementText);
    const problem = statementTextProblem(text);
    if (problem) return fieldError(ack, INPUTS.statementText.block, problem);
    const picked = selectedValue(view.state.values, INPUTS.statementAudience);
    const audience: Audience = (AUDIENCES as readonly string[]).includes(picked ?? '') ? (picked as Audience) : 'customers';
    await closeAndRun(deps, ack, body.user.id, crisis.channelId, 'statement_compose', () =>
      deps.services.statements.draft(crisis, body.user.id, {
        text: text.trim(),
        audience,
        nextMinutes: compose.next,
        templateId: compose.templateId,
        ...(compose.digest ? { prefilled: { digest: compose.digest, statedDueAt: compose.statedDueAt, statedDueText: compose.statedDueText } } : {}),
      }),
    );
  };
}

/** The statement a modal is about, with its crisis. */
function statementOfView(deps: ListenerDeps, privateMetadata: string) {
  const { statementId } = parseMeta(StatementMeta, privateMetadata);
  const statement = deps.services.deps.store.statements.get(statementId);
  return { statement, crisis: deps.services.deps.store.crises.get(statement.crisisId) };
}

export function statementChangesSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const { statement, crisis } = statementOfView(deps, view.private_metadata);
    const comment = textValue(view.state.values, INPUTS.statementComment).trim();
    if (!comment) return fieldError(ack, INPUTS.statementComment.block, 'Say what should change; the author gets it by DM.');
    if (comment.length > MAX_COMMENT_LENGTH) return fieldError(ack, INPUTS.statementComment.block, `Keep it to ${MAX_COMMENT_LENGTH} characters.`);
    await closeAndRun(deps, ack, body.user.id, crisis.channelId, 'statement_changes', () => deps.services.statementReview.requestChanges(crisis, body.user.id, statement.number, comment));
  };
}

export function statementPublishSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const { statement, crisis } = statementOfView(deps, view.private_metadata);
    const where = whereFrom(checkedValues(view.state.values, PUBLISH_TARGETS_INPUT), textValue(view.state.values, INPUTS.statementWhere));
    if (Array.from(where).length > MAX_WHERE_LENGTH) return fieldError(ack, INPUTS.statementWhere.block, `Keep it to ${MAX_WHERE_LENGTH} characters.`);
    if (!where) return fieldError(ack, INPUTS.statementWhere.block, 'Tick where to deliver it, or say where it was published.');
    await closeAndRun(deps, ack, body.user.id, crisis.channelId, 'statement_publish', () => deps.services.statementReview.publish(crisis, body.user.id, statement.number, where));
  };
}

export function statementEditSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const { statement, crisis } = statementOfView(deps, view.private_metadata);
    const text = textValue(view.state.values, INPUTS.statementText);
    const problem = statementTextProblem(text);
    if (problem) return fieldError(ack, INPUTS.statementText.block, problem);
    try {
      // The checks that need no Slack, before the modal closes: who may, the state, an unchanged text.
      deps.services.statements.checkEdit(crisis, body.user.id, statement.number);
      if (sameWords(text, statement.text)) {
        return fieldError(ack, INPUTS.statementText.block, 'The text is unchanged; change a word to send it back for review.');
      }
    } catch (err) {
      if (isCrisisError(err)) return fieldError(ack, INPUTS.statementText.block, err.message);
      throw err;
    }
    await closeAndRun(deps, ack, body.user.id, crisis.channelId, 'statement_edit', () => deps.services.statements.edit(crisis, body.user.id, statement.number, text));
  };
}
