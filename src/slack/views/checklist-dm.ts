/** The DM a role holder gets: what the role is for in this crisis, and a checklist to tick. */
import type { KnownBlock } from '@slack/types';
import { ROLE_LABELS, ROLE_PURPOSES } from '../../domain/roles';
import type { ChecklistMessage } from '../../services/ports';
import { ACTIONS } from '../ids';
import { channelLink, context, escapeText, header, section, truncate } from './blocks';

export function buildChecklistDm(message: ChecklistMessage): { text: string; blocks: KnownBlock[] } {
  const { snapshot, assignment, items } = message;
  const { crisis } = snapshot;
  const label = ROLE_LABELS[assignment.role];
  const done = items.filter((i) => i.doneAt !== null).length;
  const relieved = assignment.relievedAt !== null;
  const blocks: KnownBlock[] = [
    header(`You are ${label.toLowerCase()}: ${crisis.title}`),
    section(`${ROLE_PURPOSES[assignment.role]}\nCrisis: ${channelLink(crisis.channelId)} · *${escapeText(crisis.title)}* · ${crisis.severity}`),
  ];
  if (items.length > 0) {
    blocks.push({
      type: 'section',
      block_id: `checklist_${assignment.id}`,
      text: { type: 'mrkdwn', text: `*Your checklist* (${done}/${items.length} done)` },
      accessory: {
        type: 'checkboxes',
        action_id: ACTIONS.checklistToggle,
        options: items.map((item) => ({
          text: { type: 'mrkdwn' as const, text: truncate(item.text, 75) },
          value: `${assignment.id}:${item.index}`,
        })),
        ...(done > 0
          ? {
              initial_options: items
                .filter((i) => i.doneAt !== null)
                .map((item) => ({ text: { type: 'mrkdwn' as const, text: truncate(item.text, 75) }, value: `${assignment.id}:${item.index}` })),
            }
          : {}),
      },
    });
  }
  blocks.push(context(relieved ? 'You have been relieved of this role; the checklist is kept for the record.' : 'Ticks are recorded in the crisis timeline.'));
  return { text: `You are ${label.toLowerCase()} for the crisis "${escapeText(crisis.title)}"`, blocks };
}

/** Parses a checkbox value `<assignmentId>:<index>`. */
export function parseChecklistValue(value: string): { assignmentId: number; index: number } | undefined {
  const match = /^(\d+):(\d+)$/.exec(value);
  if (!match) return undefined;
  return { assignmentId: Number(match[1]), index: Number(match[2]) };
}
