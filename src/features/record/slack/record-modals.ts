/** The modals: declare, assign roles, post update, add lessons, edit a timeline entry. */
import type { ModalView } from '@slack/types';
import { form } from '../../../slack/views/modals';
import { type Crisis } from '../../../core/crisis';
import type { TimelineEvent } from '../../../core/timeline';
import type { TimelineEntryVersion } from '../timeline-versions';
import { MAX_TEXT_LENGTH } from '../../../slack/commands/parse-command';
import { INPUTS, VIEWS } from '../../../slack/ids';
import { truncate } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';
import { plainWords } from '../../../slack/views/words';
import { earlierVersionsBlock } from './timeline-history';
import { option } from '../../../slack/views/modals';
import { textInput } from '../../../slack/views/modals';

/** Slack refuses a plain_text_input whose max_length (or initial_value) is over 3000 characters. */
export const MAX_ENTRY_EDIT_LENGTH = 3000;

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

/**
 * The text the edit modal shows for an entry. The submit compares against it: text left as shown
 * was not edited, even when the modal had to cut a longer entry. A person the bot named in it (a
 * token, src/core/words.ts) is shown as Slack writes a mention, as people's own mentions are.
 */
export function entryTextShown(entry: TimelineEvent): string {
  return truncate(plainWords(entry.text), MAX_ENTRY_EDIT_LENGTH);
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
