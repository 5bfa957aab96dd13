/** The message shortcut "Add to crisis timeline". */
import type { MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { unescapeSlack } from '../../../slack/views/blocks';
import { errorReply, okReply } from '../../../slack/views/replies';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, respondEphemeral } from '../../../slack/listeners/reply';

export function addToTimeline(deps: ListenerDeps) {
  return async ({ ack, shortcut, respond }: SlackShortcutMiddlewareArgs<MessageShortcut>): Promise<void> => {
    await ack();
    try {
      const channelId = shortcut.channel.id;
      if (!deps.services.deps.store.crises.byChannel(channelId)) {
        await respondEphemeral(respond, errorReply('Only messages in a crisis channel can be added to a crisis timeline. `/crisis list` shows them.'));
        return;
      }
      const message = shortcut.message;
      const result = await deps.services.timeline.capture({
        channelId,
        messageTs: message.ts,
        authorId: typeof message.user === 'string' ? message.user : null,
        // Slack sends message text escaped; the timeline keeps it as typed.
        text: typeof message.text === 'string' ? unescapeSlack(message.text) : '',
        via: 'shortcut',
        capturedBy: shortcut.user.id,
      });
      const text = result.outcome === 'captured' ? 'Added to the crisis timeline.' : result.outcome === 'duplicate' ? 'That message is already in the timeline.' : 'That message cannot be added.';
      await respondEphemeral(respond, okReply(text));
    } catch (err) {
      await respondEphemeral(respond, messageForError(err, deps, { shortcut: 'add_to_timeline', userId: shortcut.user.id }));
    }
  };
}
