/** `/crisis declare …` and `/crisis drill …`: the quick path declares at once; bare `declare` opens the modal. */
import { DEFAULT_TYPE } from '../../../core/playbook';

import { section } from '../../../slack/views/blocks';
import { channelLink } from '../../../slack/views/blocks';
import type { CommandArgs } from '../../../slack/listeners/commands/command-args';
import { logContext, openForm } from '../../../slack/listeners/commands/command-args';
import { respondWith } from '../../../slack/listeners/reply';
import { errorReply } from '../../../slack/views/replies';
import { mrkdwn } from '../../../slack/views/words';
import { buildDeclareModal } from './declare-modal';

/**
 * Declares (or, for a drill, practises) from text. The type is checked against the playbooks
 * before the ack, so an unknown one is refused at once with the list of types, and nothing is made.
 */
export async function declareFromText({ command, body, ack, respond, deps }: CommandArgs<'declare'> | CommandArgs<'drill'>): Promise<void> {
  const drill = command.kind === 'drill';
  const playbook = deps.services.playbooks.find(command.type ?? DEFAULT_TYPE);
  if (!playbook) {
    const reply = errorReply(`${deps.services.playbooks.unknownTypeMessage(command.type ?? '')} Nothing was declared.`);
    await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
    return;
  }
  const severity = command.severity ?? playbook.defaultSeverity;
  const kind = `${command.isPrivate || playbook.private ? 'private ' : ''}crisis${playbook.id === DEFAULT_TYPE ? '' : ` (${playbook.label})`}`;
  await ack({ response_type: 'ephemeral', text: `${drill ? 'Starting a *drill*: ' : 'Declaring '}*${severity}* ${kind}… (channel, card, announcement)` });
  await respondWith(respond, deps, logContext(body, command.kind), async () => {
    const { crisis, warnings } = await deps.services.declare.declare({
      teamId: body.team_id,
      userId: body.user_id,
      title: command.title,
      severity,
      type: playbook.id,
      isPrivate: command.isPrivate,
      drill,
    });
    // The card and pin may have warnings below, so this line claims only what certainly happened.
    const clocks = playbook.deadlines.length ? ' The playbook\'s deadline clocks are running (`/crisis deadlines`).' : '';
    const text = drill
      ? `:test_tube: Drill started. Head to ${channelLink(crisis.channelId)}: you are the lead; everything there is marked DRILL.${clocks}`
      : `:rotating_light: Declared. Head to ${channelLink(crisis.channelId)}: you are the lead and update reminders are running.${clocks}`;
    return { text, blocks: [section(text), ...(warnings.length ? [section(`:warning: ${warnings.map(mrkdwn).join('\n')}`)] : [])] };
  });
}

export const declareNow = (args: CommandArgs<'declare'>): Promise<void> => declareFromText(args);

export async function openDeclareModal(args: CommandArgs<'declare_modal'>): Promise<void> {
  await openForm(args, 'declare', () => buildDeclareModal(args.body.channel_id, args.deps.services.playbooks.all()), 'Try `/crisis declare sev1 <title>` to declare at once.');
}
