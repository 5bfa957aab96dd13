/** `/crisis update`, `status`, `severity` and `remind every|off`. */
import { buildUpdateModal } from '../../views/modals';
import { errorReply } from '../../views/replies';
import type { CommandArgs } from './command-args';
import { logContext } from './command-args';
import { respondEphemeral, respondWith } from '../reply';

export async function update({ command, body, ack, respond, deps }: CommandArgs<'update'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'update'), () => deps.services.updates.postUpdate(crisis, body.user_id, { text: command.text }));
}

export async function openUpdateModal({ body, ack, respond, deps }: CommandArgs<'update_modal'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  if (crisis.status === 'resolved') {
    const reply = errorReply('This crisis is resolved. Use `/crisis reopen` if it has flared up again.');
    await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
    return;
  }
  await ack();
  const cadence = deps.services.snapshot(crisis).reminder?.cadenceMinutes ?? 60;
  try {
    await deps.api.call('views.open', { trigger_id: body.trigger_id, view: buildUpdateModal(crisis, cadence) });
  } catch (err) {
    deps.logger.warn('could not open the update modal', { ...logContext(body, 'update_modal'), error: err });
    await respondEphemeral(respond, errorReply('The update form could not be opened. `/crisis update <text>` posts an update at once.'));
  }
}

export async function status({ command, body, ack, respond, deps }: CommandArgs<'status'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'status'), () => deps.services.updates.setStatus(crisis, body.user_id, command.status));
}

export async function severity({ command, body, ack, respond, deps }: CommandArgs<'severity'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'severity'), () => deps.services.updates.setSeverity(crisis, body.user_id, command.severity));
}

export async function remindEvery({ command, body, ack, respond, deps }: CommandArgs<'remind_every'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'remind_every'), () => deps.services.updates.setCadence(crisis, body.user_id, command.minutes));
}

export async function remindOff({ body, ack, respond, deps }: CommandArgs<'remind_off'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'remind_off'), () => deps.services.updates.setCadence(crisis, body.user_id, null));
}
