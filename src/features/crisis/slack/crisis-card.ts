/** The pinned crisis card: everything a newcomer to the channel needs at a glance, kept current. */
import type { KnownBlock } from '@slack/types';
import { formatMinutes } from '../../../core/cadence';
import { SEVERITY_EMOJI, SEVERITY_LABELS, STATUS_LABELS } from '../../../core/crisis';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/roles';
import type { CrisisSnapshot } from '../../../core/ports';
import { ACTIONS } from '../../../slack/ids';
import { actions, button, context, escapeShowingMentions, escapeText, fields, header, mention, section } from '../../../slack/views/blocks';
import { cardStatementBlocks } from '../../statements';
import { nextDeadlineText } from '../../deadlines';
import { DRILL_MARK } from '../../../slack/views/drill';
import { customerCardBlocks } from '../../customer';
import { helpdeskCardBlocks } from '../../helpdesk';
import { formatTime } from '../../../slack/views/format';

export function holdersText(holders: Record<Role, string[]>): string {
  return ROLES.map((role) => {
    const people = holders[role];
    return `*${ROLE_LABELS[role]}:* ${people.length ? people.map(mention).join(', ') : '_empty_'}`;
  }).join('\n');
}

export function nextUpdateText(snapshot: CrisisSnapshot, timeZone: string, now?: Date): string {
  const { crisis, reminder } = snapshot;
  if (crisis.status === 'resolved') return '—';
  if (!reminder || !reminder.enabled) return 'reminders off';
  // Once a reminder went out, next_due_at is the next reminder, not when the update was due.
  if (reminder.remindersSinceUpdate > 0 && reminder.lastRemindedAt) {
    return `:warning: overdue since ${formatTime(reminder.lastRemindedAt, timeZone, now)}; reminding again ${formatTime(reminder.nextDueAt, timeZone, now)} (every ${formatMinutes(reminder.cadenceMinutes)})`;
  }
  return `${formatTime(reminder.nextDueAt, timeZone, now)} (every ${formatMinutes(reminder.cadenceMinutes)})`;
}

/**
 * The card stays pinned for days, so its times always carry the date. A mention typed into the
 * impact or the resolution is shown as `@name` (from `nameOf` when known) and pings no one.
 */
export function buildCrisisCard(snapshot: CrisisSnapshot, timeZone: string, nameOf: (userId: string) => string | undefined = () => undefined): { text: string; blocks: KnownBlock[] } {
  const { crisis, holders } = snapshot;
  const resolved = crisis.status === 'resolved';
  const drill = crisis.isDrill ? 'DRILL · ' : '';
  const title = `${drill}${resolved ? ':white_check_mark: RESOLVED' : `${SEVERITY_EMOJI[crisis.severity]} ${crisis.severity.toUpperCase()}`} · ${crisis.title}`;
  const type = `${escapeText(snapshot.typeLabel ?? crisis.type)}${crisis.isPrivate ? ' · :lock: private' : ''}`;
  const blocks: KnownBlock[] = [
    header(title),
    ...(crisis.isDrill ? [context(DRILL_MARK)] : []),
    fields(
      [
        `*Status*\n${STATUS_LABELS[crisis.status]}`,
        `*Severity*\n${crisis.severity} (${SEVERITY_LABELS[crisis.severity]})`,
        `*Type*\n${type}`,
        `*Declared*\n${formatTime(crisis.declaredAt, timeZone)} by ${mention(crisis.declaredBy)}`,
        `*Next update due*\n${nextUpdateText(snapshot, timeZone)}`,
        ...(snapshot.nextDeadline && !resolved ? [`*Next deadline*\n${nextDeadlineText(snapshot.nextDeadline, timeZone)}`] : []),
        ...(crisis.resolvedAt ? [`*Resolved*\n${formatTime(crisis.resolvedAt, timeZone)}`] : []),
      ],
      'card_facts',
    ),
    section(`*Customer impact*\n${crisis.customerImpact ? escapeShowingMentions(crisis.customerImpact, nameOf) : '_not yet known_'}`, 'card_impact'),
    ...customerCardBlocks(snapshot, timeZone),
    ...helpdeskCardBlocks(snapshot),
    ...cardStatementBlocks(snapshot, timeZone),
    section(`*Roles*\n${holdersText(holders)}`, 'card_roles'),
  ];
  if (resolved && crisis.resolutionSummary) {
    blocks.push(section(`*Resolution*\n${escapeShowingMentions(crisis.resolutionSummary, nameOf)}`, 'card_resolution'));
  }
  if (!resolved) {
    blocks.push(actions('card_actions', button('Post update', ACTIONS.cardPostUpdate, undefined, 'primary'), button('Assign roles', ACTIONS.cardAssignRoles)));
  }
  blocks.push(context('This card keeps itself current. `/crisis help` lists every command.'));
  const text = `${drill}${crisis.severity.toUpperCase()} crisis: ${escapeText(crisis.title)} (${STATUS_LABELS[crisis.status]})`;
  return { text, blocks };
}
