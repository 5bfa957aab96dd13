/** `/crisis roles`, answered in the ack: who holds what, and which roles are empty. */

import type { CommandArgs } from '../../../slack/listeners/commands/command-args';
import { buildRolesReply } from './roles-reply-view';

export async function roles({ body, ack, deps, crisis: given }: CommandArgs<'roles'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  const reply = buildRolesReply(crisis, deps.services.snapshot(crisis).holders);
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}
