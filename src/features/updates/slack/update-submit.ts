/** The update form's submission: impact, update and an optional statement, checked before the ack (field errors keep the form open), then done in order. */
import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isSettableStatus, type Crisis } from '../../../core/crisis';
import { MAX_IMPACT_LENGTH } from '../../../core/crisis';
import { isCrisisError } from '../../../core/errors';
import { tooLongMessage } from '../../../slack/commands/parse-command';
import { INPUTS } from '../../../slack/ids';

import { okReply } from '../../../slack/views/replies';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { messageForError, tellUser } from '../../../slack/listeners/reply';
import { crisisOf, fieldError, meta, selectedValue, textValue } from '../../../slack/listeners/views/submission';
import { impactDigest } from './update-form-view';

/**
 * The impact typed in the update form when the person changed it: not the text the form showed
 * (`shown`, a digest), nor what the crisis already says. An emptied field changes nothing.
 */
function changedImpact(crisis: Crisis, typed: string, shown: string | undefined): string | undefined {
  const impact = typed.trim();
  if (impact.length === 0 || impact === crisis.customerImpact.trim()) return undefined;
  return shown !== undefined && impactDigest(impact) === shown ? undefined : impact;
}

/** After the update (in the channel first, so it reads in order): the statement as a draft S<n>. */
async function draftFromUpdate(deps: ListenerDeps, crisis: ReturnType<typeof crisisOf>, userId: string, text: string, nextMinutes: number): Promise<void> {
  try {
    const result = await deps.services.statements.draft(crisis, userId, { text, nextMinutes });
    await tellUser(deps, userId, crisis.channelId, okReply(result.message, result.warnings));
  } catch (err) {
    await tellUser(deps, userId, crisis.channelId, messageForError(err, deps, { view: 'update', crisisId: crisis.id }));
  }
}

type Args = SlackViewMiddlewareArgs<ViewSubmitAction>;

export function updateSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const crisis = crisisOf(deps, view.private_metadata);
    const values = view.state.values;
    const text = textValue(values, INPUTS.update).trim();
    const statement = textValue(values, INPUTS.statement).trim();
    const status = selectedValue(values, INPUTS.status);
    const nextIn = Number(selectedValue(values, INPUTS.nextUpdate) ?? NaN);
    if (!text) return fieldError(ack, INPUTS.update.block, 'Write the update, even if it is "no news yet".');
    // Measured escaped, as the channel will hold it (see tooLongMessage).
    const textTooLong = tooLongMessage('The update', text);
    if (textTooLong) return fieldError(ack, INPUTS.update.block, textTooLong);
    const statementTooLong = tooLongMessage('The statement', statement);
    if (statementTooLong) return fieldError(ack, INPUTS.statement.block, statementTooLong);
    if (status !== undefined && !isSettableStatus(status)) return fieldError(ack, INPUTS.status.block, 'Pick a status from the list.');
    if (!Number.isInteger(nextIn) || nextIn < 1 || nextIn > 1440) return fieldError(ack, INPUTS.nextUpdate.block, 'Pick when the next update comes.');
    if (crisis.status === 'resolved') return fieldError(ack, INPUTS.update.block, 'This crisis is resolved. Use `/crisis reopen` first.');
    // A next-update time in the text that the clock cannot take keeps the form open, with why.
    try {
      deps.services.updates.checkStatedTime(text);
    } catch (err) {
      if (isCrisisError(err)) return fieldError(ack, INPUTS.update.block, err.message);
      throw err;
    }
    const impact = changedImpact(crisis, textValue(values, INPUTS.impact), meta.update(view.private_metadata).impactShown);
    if (impact !== undefined && impact.length > MAX_IMPACT_LENGTH) {
      return fieldError(ack, INPUTS.impact.block, `The impact is ${impact.length} characters; keep it to ${MAX_IMPACT_LENGTH} or fewer.`);
    }
    await ack();
    if (impact !== undefined) {
      try {
        await deps.services.customer.impact.setImpact(crisis, body.user.id, impact, 'modal', INPUTS.impact.block);
      } catch (err) {
        await tellUser(deps, body.user.id, crisis.channelId, messageForError(err, deps, { view: 'update', crisisId: crisis.id }));
      }
    }
    try {
      const result = await deps.services.updates.postUpdate(crisis, body.user.id, {
        text,
        ...(status ? { status } : {}),
        nextUpdateInMinutes: nextIn,
      });
      // The form's "next update in" gave way to the time the text states: say so.
      if (result.warnings.length || result.statedDueAt) await tellUser(deps, body.user.id, crisis.channelId, okReply(result.message, result.warnings));
    } catch (err) {
      await tellUser(deps, body.user.id, crisis.channelId, messageForError(err, deps, { view: 'update', crisisId: crisis.id }));
    }
    // The customer-facing words are not published with the update: they become a draft for legal.
    if (statement) await draftFromUpdate(deps, crisis, body.user.id, statement, nextIn);
  };
}
