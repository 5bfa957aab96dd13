/**
 * The declare modal. Field mistakes come back as field errors before anything happens; otherwise
 * the modal turns into "Declaring…" at once (the 3-second ack), and then into the outcome.
 */
import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isCrisisType, isSeverity, MAX_TITLE_LENGTH, validateTitle } from '../../../domain/crisis';
import { isCrisisError } from '../../../domain/errors';
import { MAX_IMPACT_LENGTH } from '../../../services/declare-service';
import { INPUTS, roleInput } from '../../ids';
import { channelLink } from '../../views/blocks';
import { buildMessageModal } from '../../views/modals';
import type { ListenerDeps } from '../deps';
import { messageForError } from '../reply';
import { rosterValue, selectedValue, textValue } from './submission';

export function declareSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const values = view.state.values;
    const errors: Record<string, string> = {};
    let title = '';
    try {
      title = validateTitle(textValue(values, INPUTS.title));
    } catch (err) {
      errors[INPUTS.title.block] = isCrisisError(err) ? err.message : `Give a title of at most ${MAX_TITLE_LENGTH} characters.`;
    }
    const type = selectedValue(values, INPUTS.type) ?? 'other';
    const severity = selectedValue(values, INPUTS.severity) ?? 'sev2';
    if (!isCrisisType(type)) errors[INPUTS.type.block] = 'Pick a crisis type from the list.';
    if (!isSeverity(severity)) errors[INPUTS.severity.block] = 'Pick sev1, sev2, sev3 or sev4.';
    const impact = textValue(values, INPUTS.impact);
    if (impact.length > MAX_IMPACT_LENGTH) errors[INPUTS.impact.block] = `Keep it to ${MAX_IMPACT_LENGTH} characters.`;
    const roster = rosterValue(values);
    const botId = deps.botUserId();
    for (const [role, ids] of Object.entries(roster)) {
      if (botId && ids.includes(botId)) errors[roleInput(role).block] = "I can't hold a role myself; pick a person.";
    }
    if (Object.keys(errors).length > 0 || !isCrisisType(type) || !isSeverity(severity)) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({ response_action: 'update', view: buildMessageModal('Declaring…', `:hourglass_flowing_sand: Declaring *${title.replace(/[<>&]/g, '')}*: creating the channel, pinning the card, announcing.`) });

    let result;
    try {
      const { crisis, warnings } = await deps.services.declare.declare({
        teamId: body.team?.id ?? view.team_id,
        userId: body.user.id,
        title,
        severity,
        type,
        customerImpact: impact,
        firstRoles: roster,
      });
      result = buildMessageModal(
        'Crisis declared',
        `:rotating_light: Declared. Head to ${channelLink(crisis.channelId)}.${warnings.length ? `\n\n:warning: ${warnings.join('\n')}` : ''}`,
      );
    } catch (err) {
      result = buildMessageModal('Not declared', messageForError(err, deps, { view: 'declare', userId: body.user.id }).text);
    }
    try {
      await deps.api.call('views.update', { view_id: view.id, view: result });
    } catch (err) {
      deps.logger.warn('could not show the declare outcome in the modal', { error: err });
    }
  };
}
