/** Messages the bot posts into a crisis channel or the announcement channel. */
import type { KnownBlock } from '@slack/types';
import { formatMinutes } from '../../../core/cadence';
import { STATUS_LABELS } from '../../../core/crisis';
import type { CrisisSnapshot } from '../../../core/ports';
import type { ReminderMessage, UpdateMessage } from '../update-ports';
import { ACTIONS } from '../../../slack/ids';
import { actions, button, channelLink, context, escapeText, mention, section } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';
import type { Message } from '../../../slack/views/messages';

export function buildUpdateMessage(snapshot: CrisisSnapshot, update: UpdateMessage, timeZone: string): Message {
  const { crisis } = snapshot;
  const next = update.nextDueAt ? `Next update by ${formatTime(update.nextDueAt, timeZone)}` : 'No further update scheduled';
  const blocks: KnownBlock[] = [
    section(`:mega: *Update* from ${mention(update.authorId)} · ${STATUS_LABELS[update.status]} · ${crisis.severity}\n${escapeText(update.text)}`, 'update_body'),
  ];
  blocks.push(context(next));
  return { text: `Update: ${escapeText(update.text)}`, blocks };
}

export function buildReminder(snapshot: CrisisSnapshot, reminder: ReminderMessage): Message {
  const who = reminder.mentionIds.map(mention).join(' ') || 'Team';
  const since = formatMinutes(reminder.minutesSinceUpdate);
  const text = reminder.overdue
    ? `:rotating_light: *Update overdue.* ${who}: no update for ${since}. The lead has been told. Post what you know, even if it is "no news yet", and say when the next update comes.`
    : `:alarm_clock: ${who}: an update is due (last one ${since} ago). Say what changed, or that nothing has, and when the next update comes.`;
  const cadence = snapshot.reminder ? ` ${snapshot.crisis.severity.toUpperCase()} updates are due every ${formatMinutes(snapshot.reminder.cadenceMinutes)}.` : '';
  return {
    text: reminder.overdue ? `Update overdue: no update for ${since}` : `Update due: last one ${since} ago`,
    blocks: [
      section(`${text}${cadence}`, 'reminder_body'),
      actions(
        'reminder_actions',
        button('Post update', ACTIONS.reminderPostUpdate, undefined, 'primary'),
        button('Snooze 15 min', ACTIONS.reminderSnooze15, '15'),
        button('Snooze 30 min', ACTIONS.reminderSnooze30, '30'),
      ),
    ],
  };
}

export function buildEscalationDm(snapshot: CrisisSnapshot, minutesSinceUpdate: number): Message {
  const text = `:rotating_light: ${channelLink(snapshot.crisis.channelId)} (*${escapeText(snapshot.crisis.title)}*) has had no update for ${formatMinutes(minutesSinceUpdate)}, and the last reminder went unanswered. As lead, please post one or hand the job to someone.`;
  return { text, blocks: [section(text)] };
}
