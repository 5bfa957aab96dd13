/** Messages the bot posts into a crisis channel or the announcement channel. */
import type { KnownBlock } from '@slack/types';
import { formatMinutes } from '../../core/cadence';
import { SEVERITY_EMOJI, SEVERITY_LABELS, STATUS_LABELS } from '../../core/crisis';
import { ROLE_LABELS } from '../../core/roles';
import type { Announcement, ChannelNotice, CrisisSnapshot } from '../../core/ports';
import { ACTIONS } from '../ids';
import { actions, button, channelLink, escapeText, mention, section } from './blocks';
import { markDrill, publicName } from './drill';
import { formatTime } from './format';

export interface Message {
  text: string;
  blocks: KnownBlock[];
}

/**
 * In the announcement channel. A private crisis is named only "private crisis" with its severity
 * and lead: no title, no channel (its name is not for everyone), no resolution summary.
 */
export function buildAnnouncement(a: Announcement, timeZone: string): Message {
  const { crisis } = a.snapshot;
  const lead = a.snapshot.holders.lead.map(mention).join(', ') || '_no lead_';
  const name = publicName(crisis);
  const where = crisis.isPrivate ? `(lead ${lead})` : `in ${channelLink(crisis.channelId)}`;
  let line: string;
  switch (a.kind) {
    case 'declared':
      line = crisis.isPrivate
        ? `${SEVERITY_EMOJI[crisis.severity]} *${crisis.severity.toUpperCase()} private crisis declared* · Lead ${lead} · Declared ${formatTime(crisis.declaredAt, timeZone)}\nIts channel is private; the lead adds who is needed.`
        : `${SEVERITY_EMOJI[crisis.severity]} *${crisis.severity.toUpperCase()} crisis declared:* ${name}\nJoin ${channelLink(crisis.channelId)} · Lead ${lead} · Declared ${formatTime(crisis.declaredAt, timeZone)} by ${mention(crisis.declaredBy)}`;
      break;
    case 'severity':
      line = `${SEVERITY_EMOJI[crisis.severity]} *Severity changed* ${a.from} → *${crisis.severity}* (${SEVERITY_LABELS[crisis.severity]}) for ${name} ${where}, by ${mention(a.by)}`;
      break;
    case 'resolved':
      line = `:white_check_mark: *Resolved:* ${name} ${where}, by ${mention(a.by)}${crisis.isPrivate ? '' : `\n>${escapeText(crisis.resolutionSummary ?? '')}`}`;
      break;
    case 'reopened':
      line = `:warning: *Reopened:* ${name} ${where}, by ${mention(a.by)}`;
      break;
  }
  return markDrill(crisis, { text: line.split('\n')[0] ?? line, blocks: [section(line)] });
}

export function buildNotice(snapshot: CrisisSnapshot, notice: ChannelNotice, timeZone: string): Message {
  const { crisis, reminder } = snapshot;
  switch (notice.kind) {
    case 'status':
      return simple(`:arrows_counterclockwise: Status: ${STATUS_LABELS[notice.from]} → *${STATUS_LABELS[notice.to]}* (by ${mention(notice.by)})`);
    case 'severity': {
      const cadence = reminder?.enabled ? ` Updates now due every ${formatMinutes(reminder.cadenceMinutes)}.` : '';
      return simple(`${SEVERITY_EMOJI[notice.to]} Severity: ${notice.from} → *${notice.to}* (${SEVERITY_LABELS[notice.to]}), by ${mention(notice.by)}.${cadence}`);
    }
    case 'cadence':
      return simple(
        notice.minutes === null
          ? `:no_bell: Update reminders turned off by ${mention(notice.by)}.`
          : `:bell: Updates due every ${formatMinutes(notice.minutes)} (set by ${mention(notice.by)}). Next due ${reminder ? formatTime(reminder.nextDueAt, timeZone) : 'soon'}.`,
      );
    case 'handover':
      return simple(`:handshake: ${ROLE_LABELS[notice.role]} handed over from ${mention(notice.from)} to ${mention(notice.to)} (by ${mention(notice.by)}).`);
    case 'role_nudge': {
      const text = `:warning: ${crisis.severity.toUpperCase()} and still no *${ROLE_LABELS[notice.role].toLowerCase()}* ${formatMinutes(notice.minutesSinceDeclared)} in. Customers need one voice: assign one now.`;
      return { text, blocks: [section(text), actions('nudge_actions', button('Assign roles', ACTIONS.nudgeAssignRoles, undefined, 'primary'))] };
    }
    case 'resolved': {
      const text = `:white_check_mark: *Resolved* by ${mention(notice.by)}\n>${escapeText(notice.summary).replace(/\n/g, '\n>')}`;
      return {
        text: `Resolved: ${escapeText(notice.summary)}`,
        blocks: [
          section(text),
          section('Reminders are stopped. While it is fresh: what went well, what didn\'t, and why did it happen? Then run `/crisis debrief`.'),
          actions('resolved_actions', button('Add lessons', ACTIONS.resolvedAddLessons, undefined, 'primary')),
        ],
      };
    }
    case 'reopened':
      return simple(`:warning: *Reopened* by ${mention(notice.by)}: back to investigating; reminders are running again.`);
  }
}

function simple(text: string): Message {
  return { text, blocks: [section(text)] };
}

