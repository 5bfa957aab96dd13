/** The modals: declare, assign roles, post update, add lessons, edit a timeline entry. */
import { createHash } from 'node:crypto';
import { form } from '../../../slack/views/modals';
import type { InputBlock, ModalView } from '@slack/types';
import { DEFAULT_CADENCE_MINUTES, formatMinutes } from '../../../core/cadence';
import { SETTABLE_STATUSES, STATUS_LABELS, type Crisis } from '../../../core/crisis';
import { MAX_IMPACT_LENGTH } from '../../../core/crisis';
import { MAX_TEXT_LENGTH } from '../../../slack/commands/parse-command';
import { INPUTS, VIEWS } from '../../../slack/ids';
import { truncate } from '../../../slack/views/blocks';
import { selectInput } from '../../../slack/views/modals';
import { option } from '../../../slack/views/modals';
import { textInput } from '../../../slack/views/modals';

/** The update form's impact field, showing the current impact; changing it records a new version. */
function impactInput(crisis: Crisis): InputBlock {
  return textInput(INPUTS.impact, 'Customer impact', {
    multiline: true,
    optional: true,
    max: MAX_IMPACT_LENGTH,
    initial: truncate(crisis.customerImpact, MAX_IMPACT_LENGTH),
    hint: 'Who is affected, how, and how many. Edit it when the picture changes; every version is kept.',
  });
}

const NEXT_UPDATE_CHOICES = [15, 30, 60, 120, 240, 480, 1440];

/**
 * A short digest of the impact the form showed, kept in its metadata: text submitted unchanged is
 * no change, even when someone else changed the impact while the form was open.
 */
export function impactDigest(impact: string): string {
  return createHash('sha256').update(truncate(impact, MAX_IMPACT_LENGTH).trim()).digest('hex').slice(0, 16);
}

export function buildUpdateModal(crisis: Crisis, cadenceMinutes: number): ModalView {
  const choices = [...new Set([...NEXT_UPDATE_CHOICES, cadenceMinutes, DEFAULT_CADENCE_MINUTES[crisis.severity]])].sort((a, b) => a - b);
  return form(VIEWS.update, 'Post an update', 'Post', JSON.stringify({ crisisId: crisis.id, impactShown: impactDigest(crisis.customerImpact) }), [
    selectInput(INPUTS.status, 'Status', SETTABLE_STATUSES.map((s) => option(STATUS_LABELS[s], s)), crisis.status === 'resolved' ? 'investigating' : crisis.status),
    textInput(INPUTS.update, 'Internal update', { multiline: true, max: MAX_TEXT_LENGTH, placeholder: 'What we know, what we are doing. "No news yet" is an update too.' }),
    textInput(INPUTS.statement, 'Customer-facing statement (a draft)', {
      multiline: true,
      optional: true,
      max: MAX_TEXT_LENGTH,
      hint: 'Drafted as a statement S<n> for legal to review and the spokesperson to publish, promising the next one at "Next update in". Promise only what you can keep.',
    }),
    impactInput(crisis),
    selectInput(INPUTS.nextUpdate, 'Next update in', choices.map((m) => option(formatMinutes(m), String(m))), String(cadenceMinutes), {
      hint: 'A time the update itself names ("next update by 10:30", "in 20 min") wins over this.',
    }),
  ]);
}
