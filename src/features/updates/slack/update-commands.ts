/** `/crisis update`, `status`, `severity` and `remind every|off`. */
import { errorReply } from '../../../slack/views/replies';
import type { CommandArgs } from '../../../slack/listeners/commands/command-args';
import { logContext, openForm } from '../../../slack/listeners/commands/command-args';
import { respondWith } from '../../../slack/listeners/reply';
import { RESOLVED_NO_UPDATE, updateModalFor } from './update-modal';

export async function update({ command, body, ack, respond, deps }: CommandArgs<'update'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'update'), () => deps.services.updates.postUpdate(crisis, body.user_id, { text: command.text }));
}

export async function openUpdateModal({ body, ack, respond, deps }: CommandArgs<'update_modal'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  if (crisis.status === 'resolved') {
    const reply = errorReply(RESOLVED_NO_UPDATE);
    await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
    return;
  }
  await openForm({ body, ack, respond, deps }, 'update', () => updateModalFor(deps, crisis), '`/crisis update &lt;text&gt;` posts an update at once.');
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
