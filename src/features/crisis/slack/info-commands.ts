/** `/crisis help` and `/crisis list`, answered in the ack from what the bot already has. */
import { usageSections } from '../../../slack/commands/parse-command';
import { frozenReply } from '../../../slack/http-ack';
import { section } from '../../../slack/views/blocks';
import type { CommandArgs } from '../../../slack/listeners/commands/command-args';
import { buildListReply } from './list-reply';

const LIST_LIMIT = 40;

/**
 * The usage never changes while the bot runs, so it is built once, on the first `help`. The blocks
 * carry it; the message's text is only the fallback Slack shows where blocks cannot be (a
 * notification), so it is not the whole usage a second time, which doubled the ack's size.
 */
let helpReply: { response_type: 'ephemeral'; text: string; blocks: ReturnType<typeof section>[] } | undefined;

export async function help({ ack }: CommandArgs<'help'>): Promise<void> {
  // Frozen: the HTTP ack serialises it once, not on every `help`.
  helpReply ??= frozenReply({
    response_type: 'ephemeral' as const,
    text: 'Crisis bot commands: every /crisis command, the roles and the severities.',
    blocks: [section('*Crisis bot commands*'), ...usageSections().map((part) => section(part))],
  });
  await ack(helpReply);
}

export async function list({ ack, deps }: CommandArgs<'list'>): Promise<void> {
  const { snapshots, total } = deps.services.openCrises(LIST_LIMIT);
  const reply = buildListReply(snapshots, total, deps.timeZone, deps.clock.now());
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}
