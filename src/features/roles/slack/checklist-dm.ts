/**
 * The DM a role holder gets: what the role is for in this crisis, and a checklist to tick. After a
 * handover it starts with the note and what the outgoing holder left open.
 */
import type { KnownBlock, SectionBlock } from '@slack/types';
import { ROLE_LABELS, ROLE_PURPOSES } from '../../../core/roles';
import type { ChecklistMessage } from '../roles-ports';
import type { HandoverRecord } from '../handovers-repo';
import type { ChecklistItem, StoredAssignment } from '../../../core/repos/roles-repo';
import { ACTIONS } from '../../../slack/ids';
import { channelLink, context, escapeKeepingMentions, escapeText, header, mention, section, truncate } from '../../../slack/views/blocks';

/**
 * The checklist as ticked boxes, for the DM and the App Home alike: block `checklist_<id>`, option
 * values `<assignmentId>:<index>`, so a tick anywhere takes the same path.
 */
export function checklistSection(assignment: Pick<StoredAssignment, 'id'>, items: readonly ChecklistItem[], text: string): SectionBlock {
  const done = items.filter((i) => i.doneAt !== null);
  const option = (item: ChecklistItem) => ({ text: { type: 'mrkdwn' as const, text: truncate(item.text, 75) }, value: `${assignment.id}:${item.index}` });
  return {
    type: 'section',
    block_id: `checklist_${assignment.id}`,
    text: { type: 'mrkdwn', text },
    accessory: {
      type: 'checkboxes',
      action_id: ACTIONS.checklistToggle,
      options: items.map(option),
      ...(done.length > 0 ? { initial_options: done.map(option) } : {}),
    },
  };
}

/** The handover, first thing the new holder reads: who handed over, the note, what is still open. */
function handoverSection(handover: HandoverRecord): SectionBlock {
  const from = handover.fromUserId ? mention(handover.fromUserId) : mention(handover.by);
  const note = handover.note ? `>${escapeKeepingMentions(handover.note).replace(/\n/g, '\n>')}` : '_No note was left._';
  const open = handover.fromUserId
    ? handover.openItems.length > 0
      ? `\n*Still open from ${mention(handover.fromUserId)}'s checklist:*\n${handover.openItems.map((t) => `• ${escapeText(t)}`).join('\n')}`
      : `\n${mention(handover.fromUserId)} had ticked every item of their checklist.`
    : '';
  return section(`:handshake: *Handover from ${from}*\n${note}${open}`, 'handover_note');
}

export function buildChecklistDm(message: ChecklistMessage): { text: string; blocks: KnownBlock[] } {
  const { snapshot, assignment, items, handover } = message;
  const { crisis } = snapshot;
  const label = ROLE_LABELS[assignment.role];
  const done = items.filter((i) => i.doneAt !== null).length;
  const relieved = assignment.relievedAt !== null;
  const blocks: KnownBlock[] = [
    ...(handover ? [handoverSection(handover)] : []),
    header(`You are ${label.toLowerCase()}: ${crisis.title}`),
    section(`${ROLE_PURPOSES[assignment.role]}\nCrisis: ${channelLink(crisis.channelId)} · *${escapeText(crisis.title)}* · ${crisis.severity}`),
  ];
  if (items.length > 0) blocks.push(checklistSection(assignment, items, `*Your checklist* (${done}/${items.length} done)`));
  blocks.push(context(relieved ? 'You have been relieved of this role; the checklist is kept for the record.' : 'Ticks are recorded in the crisis timeline.'));
  const lead = handover ? `Handover from ${mention(handover.fromUserId ?? handover.by)}: ${handover.note ? escapeKeepingMentions(truncate(handover.note, 200)) : 'no note'}. ` : '';
  return { text: `${lead}You are ${label.toLowerCase()} for the crisis "${escapeText(crisis.title)}"`, blocks };
}

/** Parses a checkbox value `<assignmentId>:<index>`. */
export function parseChecklistValue(value: string): { assignmentId: number; index: number } | undefined {
  const match = /^(\d+):(\d+)$/.exec(value);
  if (!match) return undefined;
  return { assignmentId: Number(match[1]), index: Number(match[2]) };
}
