/** `/crisis declare …`: the quick path declares at once; bare `declare` opens the modal. */
import { buildDeclareModal } from '../../views/modals';
import { section } from '../../views/blocks';
import { channelLink } from '../../views/blocks';
import type { CommandArgs } from './command-args';
import { logContext } from './command-args';
import { respondEphemeral, respondWith } from '../reply';
import { errorReply } from '../../views/replies';

export async function declareNow({ command, body, ack, respond, deps }: CommandArgs<'declare'>): Promise<void> {
  await ack({ response_type: 'ephemeral', text: `Declaring *${command.severity}* crisis… (channel, card, announcement)` });
  await respondWith(respond, deps, logContext(body, 'declare'), async () => {
    const { crisis, warnings } = await deps.services.declare.declare({
      teamId: body.team_id,
      userId: body.user_id,
      title: command.title,
      severity: command.severity,
    });
    // The card and pin may have warnings below, so this line claims only what certainly happened.
    const text = `:rotating_light: Declared. Head to ${channelLink(crisis.channelId)}: you are the lead and update reminders are running.`;
    return { text, blocks: [section(text), ...(warnings.length ? [section(`:warning: ${warnings.join('\n')}`)] : [])] };
  });
}

export async function openDeclareModal({ body, ack, respond, deps }: CommandArgs<'declare_modal'>): Promise<void> {
  await ack();
  try {
    await deps.api.call('views.open', { trigger_id: body.trigger_id, view: buildDeclareModal(body.channel_id) });
  } catch (err) {
    deps.logger.warn('could not open the declare modal', { ...logContext(body, 'declare_modal'), error: err });
    await respondEphemeral(respond, errorReply('The declare form could not be opened. Try `/crisis declare sev1 <title>` to declare at once.'));
  }
}
