/** Buttons that open a modal: post update (card, reminder), assign roles (card, nudge), add lessons, edit entry. */
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { View } from '@slack/types';
import { isOpen } from '../../../core/crisis';
import { CrisisError } from '../../../core/errors';
import { buildLessonsModal, buildRolesModal, buildTimelineEditModal } from '../../views/modals';
import type { ListenerDeps } from '../deps';
import { messageForError, respondEphemeral } from '../reply';
import { RESOLVED_NO_UPDATE, updateModalFor } from '../../../features/updates/slack/update-modal';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

async function openFor(args: ButtonArgs, deps: ListenerDeps, build: (channelId: string) => View): Promise<void> {
  const { body, ack, respond } = args;
  await ack();
  try {
    const channelId = body.channel?.id;
    if (!channelId) throw new CrisisError('not_crisis_channel', 'This button works only in a crisis channel.');
    await deps.api.call('views.open', { trigger_id: body.trigger_id, view: build(channelId) });
  } catch (err) {
    await respondEphemeral(respond, messageForError(err, deps, { action: body.actions[0]?.action_id, userId: body.user.id }));
  }
}

export function openUpdateModal(deps: ListenerDeps) {
  return (args: ButtonArgs): Promise<void> =>
    openFor(args, deps, (channelId) => {
      const crisis = deps.services.crisisInChannel(channelId);
      if (!isOpen(crisis)) throw new CrisisError('conflict', RESOLVED_NO_UPDATE);
      return updateModalFor(deps, crisis);
    });
}

export function openRolesModal(deps: ListenerDeps) {
  return (args: ButtonArgs): Promise<void> =>
    openFor(args, deps, (channelId) => {
      const crisis = deps.services.crisisInChannel(channelId);
      if (!isOpen(crisis)) throw new CrisisError('conflict', 'This crisis is resolved. Use `/crisis reopen` before changing roles.');
      return buildRolesModal(crisis, deps.services.snapshot(crisis).holders);
    });
}

export function openLessonsModal(deps: ListenerDeps) {
  return (args: ButtonArgs): Promise<void> => openFor(args, deps, (channelId) => buildLessonsModal(deps.services.crisisInChannel(channelId)));
}

export function openTimelineEditModal(deps: ListenerDeps) {
  return (args: ButtonArgs): Promise<void> =>
    openFor(args, deps, (channelId) => {
      const crisis = deps.services.crisisInChannel(channelId);
      const entryId = Number(args.action.value);
      const entry = Number.isInteger(entryId) ? deps.services.deps.store.timeline.find(entryId) : undefined;
      if (!entry || entry.crisisId !== crisis.id) throw new CrisisError('not_found', 'That timeline entry is not part of this crisis.');
      // Refused before the form opens: the lead, the info gatherers, the declarer and admins edit the record.
      deps.services.timeline.assertMayEdit(crisis, args.body.user.id);
      return buildTimelineEditModal(crisis, entry, deps.timeZone, deps.services.timeline.versions(crisis, entry.id));
    });
}
