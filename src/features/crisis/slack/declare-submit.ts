/**
 * The declare modal. Field mistakes come back as field errors before anything happens; otherwise
 * the modal turns into "Declaring…" at once (the 3-second ack), and then into the outcome.
 */
import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { isSeverity, MAX_TITLE_LENGTH, validateTitle } from '../../../core/crisis';
import { DEFAULT_TYPE } from '../../../core/playbook';
import { isCrisisError } from '../../../core/errors';
import { MAX_IMPACT_LENGTH } from '../../../core/crisis';
import { INPUTS } from '../../../slack/ids';
import { channelLink, escapeText, section } from '../../../slack/views/blocks';
import type { Message } from '../../../slack/views/messages';
import { buildMessageModal } from '../../../slack/views/modals';
import { mrkdwn } from '../../../slack/views/words';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, tellUser } from '../../../slack/listeners/reply';
import { checkedValues, meta, rosterValue, selectedValue, textValue } from '../../../slack/listeners/views/submission';

export function declareSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const values = view.state.values;
    const errors: Record<string, string> = {};
    let title = '';
    try {
      title = validateTitle(textValue(values, INPUTS.title));
    } catch (err) {
      errors[INPUTS.title.block] = isCrisisError(err) ? mrkdwn(err.message) : `Give a title of at most ${MAX_TITLE_LENGTH} characters.`;
    }
    const playbook = deps.services.playbooks.find(selectedValue(values, INPUTS.type) ?? DEFAULT_TYPE);
    // Left empty, the severity is the type's default.
    const severity = selectedValue(values, INPUTS.severity) ?? playbook?.defaultSeverity ?? 'sev2';
    const isPrivate = checkedValues(values, INPUTS.private).includes('private') || playbook?.private === true;
    if (!playbook) errors[INPUTS.type.block] = 'Pick a crisis type from the list.';
    if (!isSeverity(severity)) errors[INPUTS.severity.block] = 'Pick sev1, sev2, sev3 or sev4, or leave it empty for the type\'s default.';
    const impact = textValue(values, INPUTS.impact);
    if (impact.length > MAX_IMPACT_LENGTH) errors[INPUTS.impact.block] = `Keep it to ${MAX_IMPACT_LENGTH} characters.`;
    const roster = rosterValue(values);
    try {
      // The service's own roster check, run before the ack so a mistake becomes a field error.
      deps.services.roles.checkRoster(roster);
    } catch (err) {
      if (!isCrisisError(err) || !err.field) throw err;
      errors[err.field] = mrkdwn(err.message);
    }
    if (Object.keys(errors).length > 0 || !playbook || !isSeverity(severity)) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    // A private crisis's title stays out of everything but its channel and its people's DMs.
    const what = isPrivate ? 'a private crisis' : `*${escapeText(title)}*`;
    await ack({
      response_action: 'update',
      view: buildMessageModal('Declaring…', `:hourglass_flowing_sand: Declaring ${what}: creating the channel, pinning the card, announcing.`),
    });

    // The outcome, shown in the modal; and as a message should the person have closed the modal.
    let modal: ModalView;
    let message: Message;
    try {
      const { crisis, warnings } = await deps.services.declare.declare({
        teamId: body.team?.id ?? view.team_id,
        userId: body.user.id,
        title,
        severity,
        type: playbook.id,
        isPrivate,
        customerImpact: impact,
        firstRoles: roster,
      });
      const markdown = `:rotating_light: Declared. Head to ${channelLink(crisis.channelId)}.${warnings.length ? `\n\n:warning: ${warnings.map(mrkdwn).join('\n')}` : ''}`;
      modal = buildMessageModal('Crisis declared', markdown);
      message = { text: `Crisis declared: ${channelLink(crisis.channelId)}`, blocks: [section(markdown)] };
    } catch (err) {
      const reason = messageForError(err, deps, { view: 'declare', userId: body.user.id }).text;
      modal = buildMessageModal('Not declared', reason);
      message = { text: `Not declared: ${reason}`, blocks: [section(`:warning: Not declared: ${reason}`)] };
    }
    try {
      await deps.api.call('views.update', { view_id: view.id, view: modal });
    } catch (err) {
      deps.logger.warn('could not show the declare outcome in the modal; telling the person instead', { error: err });
      await tellUser(deps, body.user.id, declaredFrom(view.private_metadata), message);
    }
  };
}

/** The channel the modal was opened from, if any; metadata we cannot read means a DM instead. */
function declaredFrom(privateMetadata: string): string | undefined {
  try {
    return meta.declare(privateMetadata).channelId ?? undefined;
  } catch {
    return undefined;
  }
}
