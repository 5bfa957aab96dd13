/** Deadline clocks on screen: the alert in the channel, the `deadlines` list, replies to changes, the card's line. */
import type { KnownBlock } from '@slack/types';
import { formatMinutes } from '../../../core/cadence';
import type { Crisis } from '../../../core/crisis';
import { clockState, metInTime, untilText, type DeadlineClock, type NextDeadline } from '../deadlines';
import type { CrisisSnapshot } from '../../../core/ports';
import type { DeadlineAlertMessage } from '../deadline-ports';
import { context, escapeText, header, mention, section } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';
import type { Message } from '../../../slack/views/messages';

/** In the channel at a clock's reminder time, and once when it passes unmet. */
export function buildDeadlineAlert(snapshot: CrisisSnapshot, alert: DeadlineAlertMessage, timeZone: string): Message {
  const { clock } = alert;
  const who = alert.mentionIds.map(mention).join(' ') || 'Team (no lead or legal holder: assign one with `/crisis assign`)';
  const label = escapeText(clock.label);
  const due = formatTime(clock.dueAt, timeZone);
  const text =
    alert.kind === 'missed'
      ? `:rotating_light: *Deadline missed:* ${label} was due ${due} and is not marked done. ${who}: do it now, record why it was late, then \`/crisis deadline done ${clock.clockId}\`.`
      : `:hourglass_flowing_sand: *Deadline in ${formatMinutes(alert.minutesLeft)}:* ${label}, due ${due}. ${who}: once it is done, \`/crisis deadline done ${clock.clockId}\`.`;
  const plain = alert.kind === 'missed' ? `Deadline missed: ${label}` : `Deadline in ${formatMinutes(alert.minutesLeft)}: ${label}`;
  return { text: plain, blocks: [section(text, 'deadline_alert'), context(`Clock \`${clock.clockId}\` started ${formatTime(clock.startedAt, timeZone)}. \`/crisis deadlines\` lists every clock.`)] };
}

function stateText(clock: DeadlineClock, timeZone: string, now: Date): string {
  switch (clockState(clock, now)) {
    case 'done':
      return `${metInTime(clock) ? ':white_check_mark: done' : ':white_check_mark: done late'} ${formatTime(clock.doneAt ?? clock.dueAt, timeZone, now)}${clock.doneBy ? ` by ${mention(clock.doneBy)}` : ''}`;
    case 'missed':
      return `:x: *missed*: due ${untilText(clock.dueAt, now)}`;
    case 'running':
      return `:hourglass_flowing_sand: running: due ${untilText(clock.dueAt, now)}`;
  }
}

/** `/crisis deadlines`: every clock with its due time and state. */
export function buildDeadlinesReply(crisis: Crisis, clocks: readonly DeadlineClock[], timeZone: string, now: Date): Message {
  if (clocks.length === 0) {
    const text = 'This crisis has no deadline clocks. Add one with `/crisis deadline add &lt;label&gt; in &lt;N&gt;m|&lt;N&gt;h|&lt;N&gt;d`.';
    return { text, blocks: [section(text)] };
  }
  const lines = clocks.map(
    (c) => `• \`${c.clockId}\` *${escapeText(c.label)}*\n   due ${formatTime(c.dueAt, timeZone, now)} · ${stateText(c, timeZone, now)}${c.source === 'manual' ? ' · added by hand' : ''}`,
  );
  const blocks: KnownBlock[] = [
    header(`Deadlines: ${crisis.isPrivate ? 'private crisis' : crisis.title}`),
    section(lines.join('\n')),
    context('`/crisis deadline start &lt;id&gt; [HH:MM|YYYY-MM-DD HH:MM]` restarts a clock from when the company became aware; `/crisis deadline done &lt;id&gt;` marks it met.'),
  ];
  return { text: `${clocks.length} deadline clocks`, blocks };
}

export type ClockChangeKind = 'start' | 'done' | 'add';

/** The reply to `deadline start|done|add`. */
export function clockChangeText(kind: ClockChangeKind, clock: DeadlineClock, timeZone: string, now: Date): string {
  const due = `${formatTime(clock.dueAt, timeZone, now)} (${untilText(clock.dueAt, now)})`;
  switch (kind) {
    case 'start':
      return `Clock \`${clock.clockId}\` restarted from ${formatTime(clock.startedAt, timeZone, now)}: *${escapeText(clock.label)}* is now due ${due}.`;
    case 'done':
      return metInTime(clock)
        ? `Clock \`${clock.clockId}\` met: *${escapeText(clock.label)}*, done ${untilText(clock.dueAt, now).replace(/^in /, '')} before its due time. Its reminders are stopped.`
        : `Clock \`${clock.clockId}\` done late: *${escapeText(clock.label)}* was due ${formatTime(clock.dueAt, timeZone, now)}. The debrief will show it as missed.`;
    case 'add': {
      const reminders = clock.remindBeforeMinutes.length ? `Reminders ${clock.remindBeforeMinutes.map(formatMinutes).join(', ')} before, and` : 'A reminder';
      return `Clock \`${clock.clockId}\` added: *${escapeText(clock.label)}* due ${due}. ${reminders} when it passes unmet. \`/crisis deadline done ${clock.clockId}\` once it is done.`;
    }
  }
}

/** The card's "Next deadline" field. */
export function nextDeadlineText(next: NextDeadline, timeZone: string, now?: Date): string {
  const overdue = now !== undefined && Date.parse(next.dueAt) <= now.getTime();
  return `${overdue ? ':x: missed · ' : ''}${escapeText(next.label)} — due ${formatTime(next.dueAt, timeZone, now)} (\`${next.clockId}\`)`;
}
