/** `/crisis public-name [<text>]` and `/crisis deliveries`: answered in the ack (local reads and one write). */
import type { PublishingCommand } from './publishing-grammar';
import type { CommandArgs, HandlerTable } from '../../../slack/listeners/commands/command-args';
import { escapeText } from '../../../slack/views/blocks';
import { okMarkup } from '../../../slack/views/replies';
import { targetWord } from '../publish-targets';
import { buildDeliveriesReply } from './delivery-views';

export async function publicNameShow({ body, ack, deps }: CommandArgs<'public_name_show'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  const name = deps.services.publishing.publicName(crisis);
  const reply = okMarkup(`Customers see this crisis as *${escapeText(name)}* (status page, Statuspage, the Zendesk macro, webhooks); never its internal title. Change it with \`/crisis public-name &lt;text&gt;\`.`);
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}

export async function publicNameSet({ command, body, ack, deps }: CommandArgs<'public_name_set'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  const name = deps.services.publishing.setPublicName(crisis, body.user_id, command.name);
  const reply = okMarkup(`Customers now see this crisis as *${escapeText(name)}*: on the status page at once, and in every delivery from now on.`);
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}

export async function deliveries({ body, ack, deps }: CommandArgs<'deliveries'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  const rows = deps.services.publishing.deliveries(crisis);
  const numbers = new Map(deps.services.statements.list(crisis).map((s) => [s.id, s.number]));
  const reply = buildDeliveriesReply(rows, numbers, deps.services.publishing.targets().map(targetWord), deps.timeZone, deps.clock.now());
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}

export const PUBLISHING_HANDLERS: HandlerTable<PublishingCommand['kind']> = {
  public_name_show: publicNameShow,
  public_name_set: publicNameSet,
  deliveries,
};
