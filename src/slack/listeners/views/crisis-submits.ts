/**
 * The modals opened from a crisis channel: roles, update, lessons, timeline edit. Each checks its
 * input before acknowledging (field errors keep the modal open), then closes and does the work;
 * the outcome reaches the person ephemerally in the crisis channel.
 */
import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isSettableStatus, type Crisis } from '../../../core/crisis';
import { MAX_IMPACT_LENGTH } from '../../../features/customer/impact';
import { isCrisisError } from '../../../core/errors';
import { tooLongMessage } from '../../commands/parse-command';
import { INPUTS } from '../../ids';
import { entryTextShown, impactDigest } from '../../views/modals';
import { okReply } from '../../views/replies';
import type { ListenerDeps } from '../deps';
import { messageForError, tellUser } from '../reply';
import { checkedValues, dateTimeValue, fieldError, meta, rosterValue, selectedValue, textValue } from './submission';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction>;

/**
 * The impact typed in the update form when the person changed it: not the text the form showed
 * (`shown`, a digest), nor what the crisis already says. An emptied field changes nothing.
 */
function changedImpact(crisis: Crisis, typed: string, shown: string | undefined): string | undefined {
  const impact = typed.trim();
  if (impact.length === 0 || impact === crisis.customerImpact.trim()) return undefined;
  return shown !== undefined && impactDigest(impact) === shown ? undefined : impact;
}

function crisisOf(deps: ListenerDeps, privateMetadata: string) {
  return deps.services.deps.store.crises.get(meta.crisis(privateMetadata).crisisId);
}

export function rolesSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const crisis = crisisOf(deps, view.private_metadata);
    const roster = rosterValue(view.state.values);
    try {
      deps.services.roles.planRoster(crisis, body.user.id, roster);
    } catch (err) {
      if (isCrisisError(err) && err.field) return fieldError(ack, err.field, err.message);
      if (isCrisisError(err)) return fieldError(ack, 'role_lead', err.message);
      throw err;
    }
    await ack();
    try {
      const result = await deps.services.roles.applyRoster(crisis, body.user.id, roster);
      await tellUser(deps, body.user.id, crisis.channelId, okReply(result.message, result.warnings));
    } catch (err) {
      await tellUser(deps, body.user.id, crisis.channelId, messageForError(err, deps, { view: 'roles', crisisId: crisis.id }));
    }
  };
}

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

/** After the update (in the channel first, so it reads in order): the statement as a draft S<n>. */
async function draftFromUpdate(deps: ListenerDeps, crisis: ReturnType<typeof crisisOf>, userId: string, text: string, nextMinutes: number): Promise<void> {
  try {
    const result = await deps.services.statements.draft(crisis, userId, { text, nextMinutes });
    await tellUser(deps, userId, crisis.channelId, okReply(result.message, result.warnings));
  } catch (err) {
    await tellUser(deps, userId, crisis.channelId, messageForError(err, deps, { view: 'update', crisisId: crisis.id }));
  }
}

export function lessonsSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const crisis = crisisOf(deps, view.private_metadata);
    const values = view.state.values;
    try {
      deps.services.resolve.addLessons(crisis, body.user.id, {
        wentWell: textValue(values, INPUTS.wentWell),
        wentBadly: textValue(values, INPUTS.wentBadly),
        rootCauses: textValue(values, INPUTS.rootCauses),
        planChanges: textValue(values, INPUTS.planChanges),
      });
    } catch (err) {
      if (isCrisisError(err)) return fieldError(ack, err.field ?? INPUTS.wentWell.block, err.message);
      throw err;
    }
    await ack();
    await tellUser(deps, body.user.id, crisis.channelId, okReply('Lessons recorded. They will be in the debrief (`/crisis debrief`).'));
  };
}

export function timelineEditSubmit(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const { crisisId, entryId } = meta.entry(view.private_metadata);
    const crisis = deps.services.deps.store.crises.get(crisisId);
    const values = view.state.values;
    const entry = deps.services.deps.store.timeline.find(entryId);
    const seconds = dateTimeValue(values, INPUTS.entryTime);
    // The picker shows whole minutes: a time left in the entry's own minute was not changed, and
    // taking it would silently drop the entry's seconds and record a correction nobody made.
    const shownMinute = Math.floor(Date.parse(entry?.occurredAt ?? '') / 60_000);
    const timeChanged = seconds !== undefined && Math.floor(seconds / 60) !== shownMinute;
    // Likewise the text: the modal may show a longer entry cut to Slack's 3000 characters, and
    // sending that back unchanged would cut the entry.
    const text = textValue(values, INPUTS.entryText);
    const textChanged = entry === undefined || text !== entryTextShown(entry);
    try {
      deps.services.timeline.correct(crisis, entryId, body.user.id, {
        ...(textChanged ? { text } : {}),
        ...(timeChanged ? { occurredAt: new Date(seconds * 1000).toISOString() } : {}),
        hidden: checkedValues(values, INPUTS.entryHidden).includes('hidden'),
      });
    } catch (err) {
      if (isCrisisError(err)) return fieldError(ack, INPUTS.entryText.block, err.message);
      throw err;
    }
    await ack();
    await tellUser(deps, body.user.id, crisis.channelId, okReply(`Timeline entry #${entryId} corrected; the change is recorded.`));
  };
}
