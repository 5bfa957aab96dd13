/** `/crisis remind`, answered in the ack: the update cadence and when the next update is due. */
import { section } from '../../../slack/views/blocks';
import type { CommandArgs } from '../../../slack/listeners/commands/command-args';

export async function remindShow({ body, ack, deps, crisis: given }: CommandArgs<'remind_show'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  const text = deps.services.updates.describeCadence(crisis);
  await ack({ response_type: 'ephemeral', text, blocks: [section(`:bell: ${text}`)] });
}
