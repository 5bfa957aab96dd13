/** The App Home tab: the open crises at a glance, and how to start one. */
import type { HomeView, KnownBlock } from '@slack/types';
import type { CrisisSnapshot } from '../../services/ports';
import { capBlocks, context, divider, header, LIMITS, section } from './blocks';
import { buildListReply } from './replies';

export function buildHomeView(snapshots: CrisisSnapshot[], total: number, timeZone: string, now: Date): HomeView {
  const list = buildListReply(snapshots, total, timeZone, now).blocks.slice(1);
  const blocks: KnownBlock[] = [
    header('Crisis response'),
    section('Declare with `/crisis declare` in any channel. Every crisis gets its own channel, a pinned card, roles with checklists, update reminders and a debrief.'),
    divider(),
    section(`*Open crises: ${total}*`),
    ...list,
    context('Times are shown in the crisis time zone. `/crisis help` lists every command.'),
  ];
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.blocksPerView) };
}
