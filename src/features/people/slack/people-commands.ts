/** `/crisis handover …` (and bare `handover`, the form) and `/crisis report [<N>d]`. */
import { isOpen } from '../../../core/crisis';
import { CrisisError } from '../../../core/errors';
import type { PeopleCommand } from './people-grammar';
import { buildHandoverModal } from '../../roles';
import { buildReportSummary } from './report-view';
import { respondWith } from '../../../slack/listeners/reply';
import type { CommandArgs, HandlerTable } from '../../../slack/listeners/commands/command-args';
import { logContext, openForm } from '../../../slack/listeners/commands/command-args';

/** Refusals that need no Slack call (oneself, a holder, the bot, the lead's managers) come in the ack. */
export async function handover({ command, body, ack, respond, deps, crisis: given }: CommandArgs<'handover'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  const input = { toUserId: command.userId, role: command.role, note: command.note };
  deps.services.handover.check(crisis, body.user_id, input);
  await ack();
  await respondWith(respond, deps, logContext(body, 'handover'), () => deps.services.handover.handOver(crisis, body.user_id, input));
}

export async function openHandoverModal(args: CommandArgs<'handover_modal'>): Promise<void> {
  const crisis = args.deps.services.crisisInChannel(args.body.channel_id);
  if (!isOpen(crisis)) throw new CrisisError('conflict', 'This crisis is resolved. Use `/crisis reopen` before handing over a role.');
  await openForm(args, 'handover', () => buildHandoverModal(crisis, undefined), 'Try `/crisis handover @person <role> <note>`.');
}

export async function report({ command, body, ack, respond, deps }: CommandArgs<'report'>): Promise<void> {
  await ack({ response_type: 'ephemeral', text: `Building the report for the last ${command.days} ${command.days === 1 ? 'day' : 'days'}…` });
  await respondWith(respond, deps, logContext(body, 'report'), async () => buildReportSummary(await deps.services.report.send(body.user_id, command.days)));
}

export const PEOPLE_HANDLERS: HandlerTable<PeopleCommand['kind']> = {
  handover,
  handover_modal: openHandoverModal,
  report,
};
