/**
 * The "Mark done" / "Reopen" button on a follow-up action, in the channel message and on the owner's
 * App Home. The value says what the button meant (`<id>:done`, `<id>:reopen`), so a button left on
 * screen never undoes what someone did meanwhile; a bare `<id>` (messages posted before) toggles.
 */
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { CrisisError } from '../../../core/errors';
import { buildActionMessage } from './action-message';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, respondEphemeral } from '../../../slack/listeners/reply';

export function parseActionValue(value: string | undefined): { id: number; done?: boolean } | undefined {
  const match = /^(\d+)(?::(done|reopen))?$/.exec(value ?? '');
  if (!match) return undefined;
  return { id: Number(match[1]), ...(match[2] ? { done: match[2] === 'done' } : {}) };
}

export function toggleAction(deps: ListenerDeps) {
  return async ({ body, ack, action, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>>): Promise<void> => {
    await ack();
    try {
      const parsed = parseActionValue(action.value);
      const current = parsed ? deps.services.deps.store.followUps.action(parsed.id) : undefined;
      if (!parsed || !current) throw new CrisisError('not_found', 'That action no longer exists.');
      const updated = deps.services.timeline.setActionDone(parsed.id, body.user.id, parsed.done ?? current.doneAt === null);
      const channelId = body.channel?.id;
      if (channelId && body.message?.ts) {
        const message = buildActionMessage(updated);
        await deps.api.call('chat.update', { channel: channelId, ts: body.message.ts, text: message.text, blocks: message.blocks });
      }
    } catch (err) {
      await respondEphemeral(respond, messageForError(err, deps, { action: 'action_toggle', userId: body.user.id }));
    }
  };
}
