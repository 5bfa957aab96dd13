/**
 * The people side's messages and form: the shift-break DM with its Hand over button, the notice
 * telling the lead in the channel, and the handover form (new holder, role, note).
 */
import type { ModalView } from '@slack/types';
import { formatMinutes } from '../../../core/cadence';
import type { Crisis } from '../../../core/crisis';
import { MAX_HANDOVER_NOTE } from '../handover';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/roles';
import type { ShiftBreakMessage } from '../../../core/people-ports';
import type { CrisisSnapshot } from '../../../core/ports';
import { ACTIONS, INPUTS, VIEWS } from '../../../slack/ids';
import { actions, button, channelLink, context, escapeText, mention, section, truncate } from '../../../slack/views/blocks';
import type { Message } from '../../../slack/views/messages';

/** The Hand over button's value: which crisis and role the form opens for. */
export function shiftButtonValue(crisisId: number, role: Role): string {
  return `${crisisId}:${role}`;
}

export function parseShiftButtonValue(value: string | undefined): { crisisId: number; role: Role } | undefined {
  const match = /^(\d+):([a-z]+)$/.exec(value ?? '');
  const role = ROLES.find((r) => r === match?.[2]);
  return match && role ? { crisisId: Number(match[1]), role } : undefined;
}

export function buildShiftBreakDm(snapshot: CrisisSnapshot, shift: ShiftBreakMessage): Message {
  const { crisis } = snapshot;
  const label = ROLE_LABELS[shift.role].toLowerCase();
  const text = `:coffee: *Time for a break.* You have been *${label}* for ${channelLink(crisis.channelId)} (*${escapeText(crisis.title)}*) for ${formatMinutes(shift.minutesHeld)} without a handover. Tired people miss things: hand over with a note, so nothing you know is lost, and rest.`;
  return {
    text: `Time for a break: ${formatMinutes(shift.minutesHeld)} as ${label}`,
    blocks: [
      section(text, 'shift_break'),
      actions('shift_actions', button('Hand over', ACTIONS.shiftHandover, shiftButtonValue(crisis.id, shift.role), 'primary')),
      context(`Or in the channel: \`/crisis handover @person ${shift.role} &lt;note&gt;\`. ${shift.leadIds.includes(shift.userId) ? 'The channel has been told.' : 'The lead has been told.'}`),
    ],
  };
}

export function buildShiftNotice(snapshot: CrisisSnapshot, shift: ShiftBreakMessage): Message {
  // The lead is addressed, unless the lead is the one who needs the break (then nobody else is).
  const others = shift.leadIds.filter((id) => id !== shift.userId);
  const to = shift.leadIds.length === 0 ? 'Lead: ' : others.length > 0 ? `${others.map(mention).join(' ')}: ` : '';
  const label = ROLE_LABELS[shift.role].toLowerCase();
  const text = `:coffee: ${to}${mention(shift.userId)} has been ${label} for ${formatMinutes(shift.minutesHeld)} without a break and has been offered a handover. \`/crisis handover @person ${shift.role} &lt;note&gt;\` passes the role on with what they know.`;
  return { text: `${formatMinutes(shift.minutesHeld)} as ${label} without a break`, blocks: [section(text, 'shift_notice')] };
}

export function buildHandoverModal(crisis: Crisis, role: Role | undefined): ModalView {
  const options = ROLES.map((r) => ({ text: { type: 'plain_text' as const, text: ROLE_LABELS[r] }, value: r }));
  const initial = options.find((o) => o.value === role);
  return {
    type: 'modal',
    callback_id: VIEWS.handover,
    title: { type: 'plain_text', text: 'Hand over a role' },
    submit: { type: 'plain_text', text: 'Hand over' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify({ crisisId: crisis.id }),
    blocks: [
      section(`Hand over a role in *${escapeText(truncate(crisis.title, 150))}*. The new holder's checklist DM starts with your note and what is still open on the outgoing holder's checklist.`),
      {
        type: 'input',
        block_id: INPUTS.handoverUser.block,
        label: { type: 'plain_text', text: 'Who takes over' },
        element: { type: 'users_select', action_id: INPUTS.handoverUser.action },
      },
      {
        type: 'input',
        block_id: INPUTS.handoverRole.block,
        label: { type: 'plain_text', text: 'Role' },
        element: { type: 'static_select', action_id: INPUTS.handoverRole.action, options, ...(initial ? { initial_option: initial } : {}) },
      },
      {
        type: 'input',
        block_id: INPUTS.handoverNote.block,
        optional: true,
        label: { type: 'plain_text', text: 'Handover note' },
        hint: { type: 'plain_text', text: 'What is in flight, what was promised and to whom, what to watch. It goes to the new holder.' },
        element: { type: 'plain_text_input', action_id: INPUTS.handoverNote.action, multiline: true, max_length: MAX_HANDOVER_NOTE },
      },
    ],
  };
}
