/**
 * The App Home tab, personal: the person's roles in open crises with their checklists (tickable
 * here, the same path as the DM), statement drafts waiting for their approval, promises they owe,
 * their open follow-up actions (Mark done here), then the open crises, private ones only as
 * "private crisis" with severity and lead, and a button that opens the declare form. Each section
 * is capped with "and N more", so the view stays within Slack's 100 blocks.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { formatMinutes, minutesBetween } from '../../../core/cadence';
import { STATUS_LABELS, type Crisis } from '../../../core/crisis';
import { ROLE_LABELS } from '../../../core/roles';
import { HOME_SECTION_LIMIT, type HomeData, type HomeEntry } from '../home-service';
import { ACTIONS } from '../../../slack/ids';
import { button, capBlocks, channelLink, context, divider, escapeKeepingMentions, escapeText, header, LIMITS, mention, section, truncate } from '../../../slack/views/blocks';
import { checklistSection } from '../../roles';
import { publicName } from '../../../slack/views/drill';
import { formatTime } from '../../../slack/views/format';
import { buildListReply } from '../../crisis';

/** A crisis as this person may see it named: its channel and title, or only "private crisis". */
function crisisRef(crisis: Crisis | undefined, titleVisible: boolean): string {
  if (!crisis) return '_a crisis that no longer exists_';
  const drill = crisis.isDrill ? '*DRILL* · ' : '';
  return titleVisible ? `${drill}${channelLink(crisis.channelId)} *${escapeText(crisis.title)}*` : `${drill}${publicName(crisis)}`;
}

function more(shown: number, total: number, what: string): KnownBlock[] {
  return total > shown ? [context(`…and ${total - shown} more ${what}.`)] : [];
}

function rolesSection(data: HomeData): KnownBlock[] {
  const blocks: KnownBlock[] = [section(`*Your roles* (${data.roles.length})`, 'home_roles')];
  if (data.roles.length === 0) return [...blocks, context('You hold no role in an open crisis.')];
  for (const { crisis, assignment, items } of data.roles.slice(0, HOME_SECTION_LIMIT)) {
    const done = items.filter((i) => i.doneAt !== null).length;
    const line = `*${ROLE_LABELS[assignment.role]}* in ${crisisRef(crisis, true)}\n${crisis.severity} · ${STATUS_LABELS[crisis.status]}${items.length ? ` · checklist ${done}/${items.length} done` : ''}`;
    blocks.push(items.length > 0 ? checklistSection(assignment, items, line) : section(line, `home_role_${assignment.id}`));
  }
  return [...blocks, ...more(Math.min(data.roles.length, HOME_SECTION_LIMIT), data.roles.length, 'roles')];
}

function listSection<T>(title: string, entries: ReadonlyArray<HomeEntry<T>>, line: (e: HomeEntry<T>) => string, blockId: string): KnownBlock[] {
  if (entries.length === 0) return [section(`*${title}*\n_None._`, blockId)];
  const lines = entries.slice(0, HOME_SECTION_LIMIT).map((e) => `• ${line(e)}`);
  return [section(`*${title}* (${entries.length})\n${lines.join('\n')}`, blockId), ...more(lines.length, entries.length, 'not shown')];
}

function actionsSection(data: HomeData): KnownBlock[] {
  const blocks: KnownBlock[] = [section(`*Your open follow-up actions* (${data.actionsTotal})`, 'home_actions')];
  if (data.actions.length === 0) return [...blocks, context('None open.')];
  for (const { item: action, crisis, titleVisible } of data.actions) {
    blocks.push({
      ...section(`*#${action.id}* ${escapeKeepingMentions(truncate(action.text.replace(/\s*\n\s*/g, ' '), 500))}\n${crisisRef(crisis, titleVisible)}${crisis?.status === 'resolved' ? ' · resolved' : ''}`, `home_action_${action.id}`),
      // The intent rides in the value: a tab left open never reopens an action someone closed meanwhile.
      accessory: button('Mark done', ACTIONS.actionToggle, `${action.id}:done`),
    });
  }
  return [...blocks, ...more(data.actions.length, data.actionsTotal, 'actions')];
}

export function buildHomeView(data: HomeData, timeZone: string, now: Date): HomeView {
  const drafts = listSection(
    'Drafts waiting for your approval',
    data.drafts,
    ({ item, crisis, titleVisible }) =>
      `*${escapeText(item.ref)}* in ${crisisRef(crisis, titleVisible)} by ${mention(item.authorId)}: “${escapeKeepingMentions(truncate(item.excerpt.replace(/\s*\n\s*/g, ' '), 140))}” — \`/crisis approve ${escapeText(item.ref)}\` in the channel`,
    'home_drafts',
  );
  const promises = listSection(
    'Promises you owe',
    data.promises,
    ({ item, crisis, titleVisible }) => {
      const left = minutesBetween(now, item.dueAt);
      const when = left >= 0 ? `in ${formatMinutes(left)}` : `*overdue by ${formatMinutes(-left)}*`;
      return `next statement after *${escapeText(item.ref)}* in ${crisisRef(crisis, titleVisible)}: due ${formatTime(item.dueAt, timeZone, now)} (${when})`;
    },
    'home_promises',
  );
  const open = data.open;
  const list = open.snapshots.length > 0 ? buildListReply(open.snapshots, open.total, timeZone, now).blocks.slice(1) : [context('No open crises.')];
  const blocks: KnownBlock[] = [
    header('Crisis response'),
    {
      ...section(`Your part in the crises now running, ${mention(data.userId)}. It refreshes when something of yours changes.`, 'home_intro'),
      accessory: button('Declare a crisis', ACTIONS.homeDeclare, undefined, 'primary'),
    },
    divider(),
    ...rolesSection(data),
    divider(),
    ...drafts,
    ...promises,
    divider(),
    ...actionsSection(data),
    divider(),
    section(`*Open crises: ${open.total}*`, 'home_open'),
    ...list,
    context(`Times in ${escapeText(timeZone)}. \`/crisis help\` lists every command; \`/crisis report\` sends you the report across crises.`),
  ];
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.blocksPerView) };
}
