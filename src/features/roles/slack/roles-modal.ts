/** The modals: declare, assign roles, post update, add lessons, edit a timeline entry. */
import type { ModalView } from '@slack/types';
import { form } from '../../../slack/views/modals';
import { type Crisis } from '../../../core/crisis';
import { ROLES, type Role } from '../../../core/roles';
import { VIEWS } from '../../../slack/ids';
import { usersInput } from '../../../slack/views/modals';
import { escapeText, section } from '../../../slack/views/blocks';

export function buildRolesModal(crisis: Crisis, holders: Record<Role, string[]>): ModalView {
  return form(VIEWS.roles, 'Assign roles', 'Save', JSON.stringify({ crisisId: crisis.id }), [
    section(
      `Roles for *${escapeText(crisis.title)}*. Lead, spokesperson and legal have one holder; a new holder is a handover. ` +
        'Only the lead, the declarer or a crisis admin gives or takes them (their holder may hand over their own); info and support are open to anyone.',
    ),
    ...ROLES.map((role) => usersInput(role, holders[role], role !== 'lead')),
  ]);
}
