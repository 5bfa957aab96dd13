/** `/crisis statement …`, `statements`, `templates`, `approve`, `changes` and `publish`. */
import type { StatementCommand } from './statement-grammar';
import { buildStatementPickModal } from './statement-modals';
import { buildStatementsReply, buildTemplatesReply } from './statement-replies';
import { respondWith } from '../../../slack/listeners/reply';
import type { CommandArgs, HandlerTable } from '../../../slack/listeners/commands/command-args';
import { logContext, openForm, channelCommand } from '../../../slack/listeners/commands/command-args';

export async function openStatementModal(args: CommandArgs<'statement_modal'>): Promise<void> {
  const { statements } = args.deps.services;
  const crisis = args.deps.services.crisisInChannel(args.body.channel_id);
  await openForm(args, 'statement', () => buildStatementPickModal(crisis, statements.templates(crisis), statements.cadenceOf(crisis)), '`/crisis statement <text>` drafts one at once.');
}

export async function draftStatement({ command, body, ack, respond, deps, crisis: given }: CommandArgs<'statement_draft'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'statement_draft'), () =>
    deps.services.statements.draft(crisis, body.user_id, { text: command.text, nextMinutes: command.nextMinutes ?? null }),
  );
}

export async function draftFromTemplate({ command, body, ack, respond, deps, crisis: given }: CommandArgs<'statement_from'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'statement_from'), () =>
    deps.services.statements.draftFromTemplate(crisis, body.user_id, command.templateId, command.nextMinutes ?? null),
  );
}

export async function statements({ body, ack, deps, crisis: given }: CommandArgs<'statements'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  const reply = buildStatementsReply(crisis, deps.services.statements.list(crisis), deps.timeZone, deps.clock.now());
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}

export async function templates({ body, ack, deps, crisis: given }: CommandArgs<'templates'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  const reply = buildTemplatesReply(deps.services.playbooks.label(crisis.type), deps.services.statements.templates(crisis));
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}

export const approve = channelCommand('statement_approve', ({ command, body, deps }, crisis) =>
  deps.services.statementReview.approve(crisis, body.user_id, command.number),
);

export async function changes({ command, body, ack, respond, deps, crisis: given }: CommandArgs<'statement_changes'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'statement_changes'), () =>
    deps.services.statementReview.requestChanges(crisis, body.user_id, command.number, command.comment),
  );
}

export async function publish({ command, body, ack, respond, deps, crisis: given }: CommandArgs<'statement_publish'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'statement_publish'), () =>
    deps.services.statementReview.publish(crisis, body.user_id, command.number, command.where),
  );
}

export const STATEMENT_HANDLERS: HandlerTable<StatementCommand['kind']> = {
  statement_modal: openStatementModal,
  statement_draft: draftStatement,
  statement_from: draftFromTemplate,
  statements,
  templates,
  statement_approve: approve,
  statement_changes: changes,
  statement_publish: publish,
};
