/** `/crisis assign` and `/crisis unassign`. */
import type { CommandArgs } from '../../../slack/listeners/commands/command-args';
import { logContext } from '../../../slack/listeners/commands/command-args';
import { respondWith } from '../../../slack/listeners/reply';

export async function assign({ command, body, ack, respond, deps }: CommandArgs<'assign'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'assign'), () => deps.services.roles.assign(crisis, body.user_id, command.userId, command.role));
}

export async function unassign({ command, body, ack, respond, deps }: CommandArgs<'unassign'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'unassign'), () => deps.services.roles.unassign(crisis, body.user_id, command.userId, command.role));
}
