/** `/crisis update`, `status`, `severity` and `remind every|off`. */
import { errorReply } from '../../../slack/views/replies';
import type { CommandArgs } from '../../../slack/listeners/commands/command-args';
import { openForm, channelCommand } from '../../../slack/listeners/commands/command-args';
import { RESOLVED_NO_UPDATE, updateModalFor } from './update-modal';

export const update = channelCommand('update', ({ command, body, deps }, crisis) =>
  deps.services.updates.postUpdate(crisis, body.user_id, { text: command.text }),
);

export async function openUpdateModal({ body, ack, respond, deps, crisis: given }: CommandArgs<'update_modal'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  if (crisis.status === 'resolved') {
    const reply = errorReply(RESOLVED_NO_UPDATE);
    await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
    return;
  }
  await openForm({ body, ack, respond, deps }, 'update', () => updateModalFor(deps, crisis), '`/crisis update <text>` posts an update at once.');
}

export const status = channelCommand('status', ({ command, body, deps }, crisis) =>
  deps.services.updates.setStatus(crisis, body.user_id, command.status),
);

export const severity = channelCommand('severity', ({ command, body, deps }, crisis) =>
  deps.services.updates.setSeverity(crisis, body.user_id, command.severity),
);

export const remindEvery = channelCommand('remind_every', ({ command, body, deps }, crisis) =>
  deps.services.updates.setCadence(crisis, body.user_id, command.minutes),
);

export const remindOff = channelCommand('remind_off', ({ body, deps }, crisis) =>
  deps.services.updates.setCadence(crisis, body.user_id, null),
);
