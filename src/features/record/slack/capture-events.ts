/**
 * Timeline capture from the channel: a :pushpin: reaction or a pin on a message in a crisis
 * channel records that message (its own author, text and time). The bot's own pins never arrive
 * here: Bolt's ignoreSelf drops them, and the service also ignores the crisis card. Slack sends
 * message text escaped (`&amp;`, `&lt;`, `&gt;`); it is recorded as typed, and escaped again
 * wherever it is shown.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { unescapeSlack } from '../../../slack/views/blocks';
import type { ListenerDeps } from '../../../slack/listeners/deps';

const HistoryMessage = z.object({ ts: z.string(), text: z.string().optional(), user: z.string().optional(), bot_id: z.string().optional() });
const History = z.object({ messages: z.array(HistoryMessage) });

const PinnedMessage = z.object({
  item: z.object({
    type: z.string(),
    channel: z.string().optional(),
    message: z.object({ ts: z.string(), text: z.string().optional(), user: z.string().optional() }).optional(),
  }),
  channel_id: z.string(),
  user: z.string(),
});

/**
 * The message's own text and author. conversations.history holds the channel's top-level
 * messages; a reply in a thread is only found through conversations.replies.
 */
async function readMessage(deps: ListenerDeps, channelId: string, ts: string): Promise<{ text: string; user: string | null } | undefined> {
  try {
    const top = History.parse(await deps.api.call('conversations.history', { channel: channelId, latest: ts, inclusive: true, limit: 1 }));
    let found = top.messages.find((m) => m.ts === ts);
    if (!found) {
      const thread = History.parse(await deps.api.call('conversations.replies', { channel: channelId, ts, limit: 200 }));
      found = thread.messages.find((m) => m.ts === ts);
    }
    return found ? { text: unescapeSlack(found.text ?? ''), user: found.user ?? null } : undefined;
  } catch (err) {
    deps.logger.warn('could not read a pinned message', { channelId, ts, error: err });
    return undefined;
  }
}

export function onReactionAdded(deps: ListenerDeps) {
  return async ({ event }: SlackEventMiddlewareArgs<'reaction_added'> & AllMiddlewareArgs): Promise<void> => {
    if (event.reaction !== 'pushpin' || event.item.type !== 'message') return;
    const channelId = event.item.channel;
    if (!deps.services.deps.store.crises.byChannel(channelId)) return;
    const message = await readMessage(deps, channelId, event.item.ts);
    await deps.services.timeline.capture({
      channelId,
      messageTs: event.item.ts,
      authorId: message?.user ?? event.item_user ?? null,
      text: message?.text ?? '(message text not available)',
      via: 'pushpin',
      capturedBy: event.user,
    });
  };
}

export function onPinAdded(deps: ListenerDeps) {
  return async ({ event }: SlackEventMiddlewareArgs<'pin_added'> & AllMiddlewareArgs): Promise<void> => {
    const parsed = PinnedMessage.safeParse(event);
    if (!parsed.success || parsed.data.item.type !== 'message') return;
    const { item, channel_id: channelId, user } = parsed.data;
    if (!deps.services.deps.store.crises.byChannel(channelId)) return;
    let message = item.message ? { ts: item.message.ts, text: unescapeSlack(item.message.text ?? ''), user: item.message.user ?? null } : undefined;
    if (message && !message.text) {
      const read = await readMessage(deps, channelId, message.ts);
      if (read) message = { ...message, ...read };
    }
    if (!message) return;
    await deps.services.timeline.capture({ channelId, messageTs: message.ts, authorId: message.user, text: message.text, via: 'pin', capturedBy: user });
  };
}
