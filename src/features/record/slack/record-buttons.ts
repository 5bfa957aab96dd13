/** Buttons of the record that open a form: add lessons (after resolving), edit a timeline entry. */
import { CrisisError } from '../../../core/errors';

import type { ListenerDeps } from '../../../slack/listeners/deps';
import { openFor, type ButtonArgs } from '../../../slack/listeners/open-form';
import { buildTimelineEditModal } from './record-modals';
import { buildLessonsModal } from './record-modals';

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
