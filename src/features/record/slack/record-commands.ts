/** `/crisis note`, `action`, `resolve`, `reopen` and `debrief`. */
import { buildActionMessage } from './action-message';
import { person } from '../../../core/words';
import { okReply } from '../../../slack/views/replies';
import type { CommandArgs } from '../../../slack/listeners/commands/command-args';
import { logContext, channelCommand } from '../../../slack/listeners/commands/command-args';
import { respondWith } from '../../../slack/listeners/reply';

export async function note({ command, body, ack, deps, crisis: given }: CommandArgs<'note'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  deps.services.timeline.note(crisis, body.user_id, command.text);
  const reply = okReply('Noted in the timeline.');
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}

/**
 * Records the action (before the ack, unless a private crisis must first ask Slack whether its owner
 * is in the channel), then posts it in the channel with a button anyone can close it with, while
 * the owner of a public crisis's action is invited.
 */
export async function action({ command, body, ack, respond, deps, crisis: given }: CommandArgs<'action'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  const { timeline } = deps.services;
  const adding = timeline.addAction(crisis, body.user_id, command.text, command.ownerId ?? null);
  // Its outcome is read after the ack; until then a refusal must not count as unhandled.
  adding.catch(() => undefined);
  await ack();
  await respondWith(respond, deps, logContext(body, 'action'), async () => {
    const added = await adding;
    const message = buildActionMessage(added);
    const [warnings] = await Promise.all([
      timeline.inviteOwner(crisis, added),
      deps.api.call('chat.postMessage', { channel: crisis.channelId, text: message.text, blocks: message.blocks }),
    ]);
    return { message: `Follow-up action #${added.id} added${added.ownerId ? ` for ${person(added.ownerId)}` : ''}; it will be in the debrief.`, warnings };
  });
}

export const resolve = channelCommand('resolve', ({ command, body, deps }, crisis) =>
  deps.services.resolve.resolve(crisis, body.user_id, command.summary),
);

export const reopen = channelCommand('reopen', ({ body, deps }, crisis) =>
  deps.services.resolve.reopen(crisis, body.user_id),
);

export async function debrief({ body, ack, respond, deps, crisis: given }: CommandArgs<'debrief'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  await ack({ response_type: 'ephemeral', text: 'Building the after-action report…' });
  await respondWith(respond, deps, logContext(body, 'debrief'), async () => {
    const report = await deps.services.resolve.debrief(crisis, body.user_id);
    return { message: `${report.interim ? 'Interim report' : 'Report'} posted in the channel, with the full Markdown file.` };
  });
}
