/** Opening a form from a button in a crisis channel: ack, build the view for that channel's crisis, open it; a refusal is told to the person. */
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { View } from '@slack/types';
import { CrisisError } from '../../core/errors';
import type { ListenerDeps } from './deps';
import { messageForError, respondEphemeral } from './reply';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export async function openFor(args: ButtonArgs, deps: ListenerDeps, build: (channelId: string) => View): Promise<void> {
  const { body, ack, respond } = args;
  await ack();
  try {
    const channelId = body.channel?.id;
    if (!channelId) throw new CrisisError('not_crisis_channel', 'This button works only in a crisis channel.');
    await deps.api.call('views.open', { trigger_id: body.trigger_id, view: build(channelId) });
  } catch (err) {
    await respondEphemeral(respond, messageForError(err, deps, { action: body.actions[0]?.action_id, userId: body.user.id }));
  }
}
