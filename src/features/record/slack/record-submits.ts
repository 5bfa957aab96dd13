/** The record's forms: lessons learned after resolving, and a correction to a timeline entry. */
import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isCrisisError } from '../../../core/errors';
import { INPUTS } from '../../../slack/ids';

import { okReply } from '../../../slack/views/replies';
import type { ListenerDeps } from '../../../slack/listeners/deps';
import { tellUser } from '../../../slack/listeners/reply';
import { checkedValues, crisisOf, dateTimeValue, fieldError, meta, textValue } from '../../../slack/listeners/views/submission';
import { entryTextShown } from './record-modals';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction>;

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
