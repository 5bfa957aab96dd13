/** The modals: declare, assign roles, post update, add lessons, edit a timeline entry. */
import { createHash } from 'node:crypto';
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { DEFAULT_CADENCE_MINUTES, formatMinutes } from '../../core/cadence';
import {
  MAX_TITLE_LENGTH,
  SETTABLE_STATUSES,
  SEVERITIES,
  SEVERITY_LABELS,
  STATUS_LABELS,
  type Crisis,
} from '../../core/crisis';
import { DEFAULT_TYPE, type Playbook } from '../../core/playbook';
import { MAX_IMPACT_LENGTH } from '../../features/customer/impact';
import { isSingleHolder, ROLE_LABELS, ROLES, type Role } from '../../core/roles';
import type { TimelineEvent } from '../../core/timeline';
import type { TimelineEntryVersion } from '../../features/record/timeline-versions';
import { MAX_TEXT_LENGTH } from '../commands/parse-command';
import { INPUTS, roleInput, VIEWS } from '../ids';
import { escapeText, section, truncate } from './blocks';
import { formatTime } from './format';
import { earlierVersionsBlock } from '../../features/record/slack/timeline-history';

export function option(text: string, value: string): PlainTextOption {
  return { text: { type: 'plain_text', text: truncate(text, 75) }, value };
}

export function textInput(
  ids: { block: string; action: string },
  label: string,
  opts: { multiline?: boolean; optional?: boolean; max?: number; initial?: string; placeholder?: string; hint?: string } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: ids.block,
    optional: opts.optional ?? false,
    label: { type: 'plain_text', text: label },
    ...(opts.hint ? { hint: { type: 'plain_text' as const, text: opts.hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: ids.action,
      multiline: opts.multiline ?? false,
      ...(opts.max ? { max_length: opts.max } : {}),
      ...(opts.initial ? { initial_value: opts.initial } : {}),
      ...(opts.placeholder ? { placeholder: { type: 'plain_text' as const, text: opts.placeholder } } : {}),
    },
  };
}

export function selectInput(
  ids: { block: string; action: string },
  label: string,
  options: PlainTextOption[],
  initial?: string,
  extra: { optional?: boolean; hint?: string } = {},
): InputBlock {
  const initialOption = options.find((o) => o.value === initial);
  return {
    type: 'input',
    block_id: ids.block,
    label: { type: 'plain_text', text: label },
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: { type: 'plain_text' as const, text: truncate(extra.hint, 2000) } } : {}),
    element: {
      type: 'static_select',
      action_id: ids.action,
      options,
      ...(initialOption ? { initial_option: initialOption } : {}),
    },
  };
}

function usersInput(role: Role, current: string[], optional = true): InputBlock {
  const ids = roleInput(role);
  const label = { type: 'plain_text' as const, text: ROLE_LABELS[role] };
  if (isSingleHolder(role)) {
    return {
      type: 'input',
      block_id: ids.block,
      optional,
      label,
      element: { type: 'users_select', action_id: ids.action, ...(current[0] ? { initial_user: current[0] } : {}) },
    };
  }
  return {
    type: 'input',
    block_id: ids.block,
    optional,
    label,
    element: { type: 'multi_users_select', action_id: ids.action, ...(current.length ? { initial_users: current } : {}) },
  };
}

/** A form modal: our callback id, a title, a submit label, private metadata and its blocks. */
export function form(callbackId: string, title: string, submit: string, privateMetadata: string, blocks: ModalView['blocks']): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: { type: 'plain_text', text: title },
    submit: { type: 'plain_text', text: submit },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: privateMetadata,
    blocks,
  };
}

/** The type picker is fed from the playbooks; the severity may be left to the type's default. */
export function buildDeclareModal(channelId: string | undefined, playbooks: readonly Playbook[]): ModalView {
  const defaults = playbooks.map((p) => `${p.label} ${p.defaultSeverity}`).join(', ');
  return form(VIEWS.declare, 'Declare a crisis', 'Declare', JSON.stringify({ channelId: channelId ?? null }), [
    textInput(INPUTS.title, 'Title', { max: MAX_TITLE_LENGTH, placeholder: 'Checkout payments failing' }),
    selectInput(
      INPUTS.type,
      'Crisis type',
      playbooks.map((p) => option(`${p.label}${p.private ? ' (private)' : ''}`, p.id)),
      DEFAULT_TYPE,
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

export function buildRolesModal(crisis: Crisis, holders: Record<Role, string[]>): ModalView {
  return form(VIEWS.roles, 'Assign roles', 'Save', JSON.stringify({ crisisId: crisis.id }), [
    section(
      `Roles for *${escapeText(crisis.title)}*. Lead, spokesperson and legal have one holder; a new holder is a handover. ` +
        'Only the lead, the declarer or a crisis admin gives or takes them (their holder may hand over their own); info and support are open to anyone.',
    ),
    ...ROLES.map((role) => usersInput(role, holders[role], role !== 'lead')),
  ]);
}

const NEXT_UPDATE_CHOICES = [15, 30, 60, 120, 240, 480, 1440];

/**
 * A short digest of the impact the form showed, kept in its metadata: text submitted unchanged is
 * no change, even when someone else changed the impact while the form was open.
 */
export function impactDigest(impact: string): string {
  return createHash('sha256').update(truncate(impact, MAX_IMPACT_LENGTH).trim()).digest('hex').slice(0, 16);
}

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

export function buildLessonsModal(crisis: Crisis): ModalView {
  return form(VIEWS.lessons, 'Lessons learned', 'Save', JSON.stringify({ crisisId: crisis.id }), [
    textInput(INPUTS.wentWell, 'What went well', { multiline: true, optional: true, max: MAX_TEXT_LENGTH }),
    textInput(INPUTS.wentBadly, "What didn't go well", { multiline: true, optional: true, max: MAX_TEXT_LENGTH }),
    textInput(INPUTS.rootCauses, 'Root causes', { multiline: true, optional: true, max: MAX_TEXT_LENGTH, hint: 'Why did it happen, and why was it not caught sooner?' }),
    textInput(INPUTS.planChanges, 'What should change in our plan', {
      multiline: true,
      optional: true,
      max: MAX_TEXT_LENGTH,
      hint: 'Edits for the playbook: a checklist item, a template, a deadline clock. The debrief lists them under their own heading.',
    }),
  ]);
}

/** Slack refuses a plain_text_input whose max_length (or initial_value) is over 3000 characters. */
export const MAX_ENTRY_EDIT_LENGTH = 3000;

/**
 * The text the edit modal shows for an entry. The submit compares against it: text left as shown
 * was not edited, even when the modal had to cut a longer entry.
 */
export function entryTextShown(entry: TimelineEvent): string {
  return truncate(entry.text, MAX_ENTRY_EDIT_LENGTH);
}

/** `versions`: the entry's versions, the original first; the earlier ones are shown under the fields. */
export function buildTimelineEditModal(crisis: Crisis, entry: TimelineEvent, timeZone: string, versions: readonly TimelineEntryVersion[] = []): ModalView {
  return form(VIEWS.timelineEdit, 'Edit timeline entry', 'Save', JSON.stringify({ crisisId: crisis.id, entryId: entry.id }), [
    textInput(INPUTS.entryText, 'Text', { multiline: true, max: MAX_ENTRY_EDIT_LENGTH, initial: entryTextShown(entry) }),
    {
      type: 'input',
      block_id: INPUTS.entryTime.block,
      // Slack's datetimepicker shows each viewer's own zone, not the crisis zone.
      label: { type: 'plain_text', text: 'When it happened (shown in your time zone)' },
      hint: { type: 'plain_text', text: `Recorded as ${formatTime(entry.occurredAt, timeZone)}.` },
      element: { type: 'datetimepicker', action_id: INPUTS.entryTime.action, initial_date_time: Math.floor(Date.parse(entry.occurredAt) / 1000) },
    },
    {
      type: 'input',
      block_id: INPUTS.entryHidden.block,
      optional: true,
      label: { type: 'plain_text', text: 'Visibility' },
      element: {
        type: 'checkboxes',
        action_id: INPUTS.entryHidden.action,
        options: [option('Hide this entry from the timeline and debrief', 'hidden')],
        ...(entry.hidden ? { initial_options: [option('Hide this entry from the timeline and debrief', 'hidden')] } : {}),
      },
    },
    ...earlierVersionsBlock(versions, timeZone),
  ]);
}

/** A modal that only tells something: "Declaring…", then the result. */
export function buildMessageModal(title: string, markdown: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(title, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(markdown)],
  };
}
