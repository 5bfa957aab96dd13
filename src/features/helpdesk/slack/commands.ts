/** `/crisis tag` and `/crisis keywords`: shown in the ack, set through the help-desk service. */
import { section } from '../../../slack/views/blocks';
import { errorReply, okReply } from '../../../slack/views/replies';
import type { CommandArgs, HandlerTable } from '../../../slack/listeners/commands/command-args';
import { logContext } from '../../../slack/listeners/commands/command-args';
import { respondWith } from '../../../slack/listeners/reply';
import type { HelpdeskCommand } from './grammar';
import { watchChangeText, watchShowText } from './views';
import type { WatchChange } from '../service';

async function show({ body, ack, deps }: Pick<CommandArgs, 'body' | 'ack' | 'deps'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  const text = watchShowText(deps.services.helpdesk.service.watch(crisis.id));
  await ack({ response_type: 'ephemeral', text, blocks: [section(`:label: ${text}`)] });
}

function reply(outcome: { result: WatchChange; warnings: string[] }, what: 'tag' | 'keywords') {
  const text = watchChangeText(outcome.result, what);
  return outcome.result.ok ? okReply(text, outcome.warnings) : errorReply(text);
}

export async function tagSet({ command, body, ack, respond, deps }: CommandArgs<'tag_set'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'tag_set'), async () => reply(await deps.services.helpdesk.service.setTag(crisis, body.user_id, command.tag), 'tag'));
}

export async function keywordsSet({ command, body, ack, respond, deps }: CommandArgs<'keywords_set'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'keywords_set'), async () => reply(await deps.services.helpdesk.service.setKeywords(crisis, body.user_id, command.text), 'keywords'));
}

export async function keywordsClear({ body, ack, respond, deps }: CommandArgs<'keywords_clear'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'keywords_clear'), async () => reply(await deps.services.helpdesk.service.setKeywords(crisis, body.user_id, null), 'keywords'));
}

export const HELPDESK_HANDLERS: HandlerTable<HelpdeskCommand['kind']> = {
  tag_show: (args) => show(args),
  keywords_show: (args) => show(args),
  tag_set: tagSet,
  keywords_set: keywordsSet,
  keywords_clear: keywordsClear,
};
