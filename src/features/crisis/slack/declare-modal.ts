/** The declare form: title, type (from the playbooks), severity, impact and the first roles. */
import type { ModalView } from '@slack/types';
import { MAX_TITLE_LENGTH, SEVERITIES, SEVERITY_LABELS } from '../../../core/crisis';
import { DEFAULT_TYPE, type Playbook } from '../../../core/playbook';
import { ROLES } from '../../../core/roles';
import { INPUTS, VIEWS } from '../../../slack/ids';
import { form, option, selectInput, textInput, usersInput } from '../../../slack/views/modals';
import { section } from '../../../slack/views/blocks';

/**
 * The type picker is fed from the playbooks; the severity may be left to the type's default.
 * `prefill`: what a button that opens the form already knows (an early warning's type and title).
 */
export function buildDeclareModal(channelId: string | undefined, playbooks: readonly Playbook[], prefill: { type?: string | null; title?: string } = {}): ModalView {
  const defaults = playbooks.map((p) => `${p.label} ${p.defaultSeverity}`).join(', ');
  const type = prefill.type && playbooks.some((p) => p.id === prefill.type) ? prefill.type : DEFAULT_TYPE;
  return form(VIEWS.declare, 'Declare a crisis', 'Declare', JSON.stringify({ channelId: channelId ?? null }), [
    textInput(INPUTS.title, 'Title', { max: MAX_TITLE_LENGTH, placeholder: 'Checkout payments failing', ...(prefill.title ? { initial: prefill.title.slice(0, MAX_TITLE_LENGTH) } : {}) }),
    selectInput(
      INPUTS.type,
      'Crisis type',
      playbooks.map((p) => option(`${p.label}${p.private ? ' (private)' : ''}`, p.id)),
      type,
      { hint: 'Picks the playbook: checklists, statement templates and deadline clocks for this kind of crisis.' },
    ),
    selectInput(INPUTS.severity, 'Severity', SEVERITIES.map((s) => option(`${s} · ${SEVERITY_LABELS[s]}`, s)), undefined, {
      optional: true,
      hint: `Leave empty for the type's default (${defaults}).`,
    }),
    {
      type: 'input',
      block_id: INPUTS.private.block,
      optional: true,
      label: { type: 'plain_text', text: 'Private' },
      hint: { type: 'plain_text', text: 'A private channel; outside it the crisis shows only as "private crisis". Data breaches are always private.' },
      element: { type: 'checkboxes', action_id: INPUTS.private.action, options: [option('Private crisis channel', 'private')] },
    },
    textInput(INPUTS.impact, 'Customer impact', { multiline: true, optional: true, max: 2000, placeholder: 'Who is affected, how, and how many' }),
    section('*First role holders* (optional; you are lead unless you name someone else)'),
    ...ROLES.map((role) => usersInput(role, [])),
  ]);
}
