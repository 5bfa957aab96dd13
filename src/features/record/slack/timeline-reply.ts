/** `/crisis timeline`, answered in the ack: the latest entries of the record. */
import { TIMELINE_REPLY_ENTRIES } from '../../../slack/views/replies';
import type { CommandArgs } from '../../../slack/listeners/commands/command-args';
import { buildTimelineReply } from './timeline-reply-view';

export async function timeline({ body, ack, deps, crisis: given }: CommandArgs<'timeline'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  // Only the entries the reply can show are read: this answers in the ack, whatever the timeline's length.
  const { events, total } = deps.services.timeline.latest(crisis, TIMELINE_REPLY_ENTRIES);
  const reply = buildTimelineReply(crisis, events, deps.timeZone, total, deps.services.timeline.corrections(crisis));
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}
