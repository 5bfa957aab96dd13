/**
 * The buttons on a statement's message (Approve, Request changes, Publish, Edit) and on the
 * author's DM (Edit). Approve acts at once; the others check who may and the statement's state
 * first, so nobody writes a comment for nothing, then open their modal. The answer is ephemeral.
 */
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { View } from '@slack/types';
import type { Crisis } from '../../../core/crisis';
import { CrisisError } from '../../../core/errors';
import type { Statement } from '../statements';
import { okReply } from '../../../slack/views/replies';
import { buildChangesModal, buildEditModal, buildPublishModal } from './statement-modals';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, respondEphemeral } from '../../../slack/listeners/reply';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** The statement a button names (its value is the statement's id) and its crisis. */
export function statementFromValue(deps: ListenerDeps, value: string | undefined): { statement: Statement; crisis: Crisis } {
  const id = Number(value);
  const statement = Number.isInteger(id) && id > 0 ? deps.services.deps.store.statements.find(id) : undefined;
  if (!statement) throw new CrisisError('not_found', 'That statement no longer exists.');
  return { statement, crisis: deps.services.deps.store.crises.get(statement.crisisId) };
}

async function answer(args: ButtonArgs, deps: ListenerDeps, work: () => Promise<string | undefined>): Promise<void> {
  const { body, ack, respond } = args;
  await ack();
  try {
    const said = await work();
    if (said) await respondEphemeral(respond, okReply(said));
  } catch (err) {
    await respondEphemeral(respond, messageForError(err, deps, { action: body.actions[0]?.action_id, userId: body.user.id }));
  }
}

export function approveButton(deps: ListenerDeps) {
  return (args: ButtonArgs): Promise<void> =>
    answer(args, deps, async () => {
      const { statement, crisis } = statementFromValue(deps, args.action.value);
      const result = await deps.services.statementReview.approve(crisis, args.body.user.id, statement.number);
      return [result.message, ...result.warnings].join(' ');
    });
}

/** A button that checks, then opens a modal built from the statement. */
function modalButton(deps: ListenerDeps, check: (crisis: Crisis, userId: string, statement: Statement) => Statement, build: (statement: Statement) => View) {
  return (args: ButtonArgs): Promise<void> =>
    answer(args, deps, async () => {
      const { statement, crisis } = statementFromValue(deps, args.action.value);
      const checked = check(crisis, args.body.user.id, statement);
      await deps.api.call('views.open', { trigger_id: args.body.trigger_id, view: build(checked) });
      return undefined;
    });
}

export function changesButton(deps: ListenerDeps) {
  return modalButton(deps, (crisis, user, s) => deps.services.statementReview.checkReview(crisis, user, s.number, 'changes').statement, buildChangesModal);
}

export function publishButton(deps: ListenerDeps) {
  return modalButton(deps, (crisis, user, s) => deps.services.statementReview.checkPublish(crisis, user, s.number), (s) => buildPublishModal(s, deps.services.publishing.targetChoices(s.audience)));
}

export function editButton(deps: ListenerDeps) {
  return modalButton(deps, (crisis, user, s) => deps.services.statements.checkEdit(crisis, user, s.number), buildEditModal);
}
