/**
 * The customer side's lines on the pinned crisis card: when the impact last changed, the latest
 * complaint volume with its trend, the remedies offered, and the FAQ's state. Kept here so the
 * card builder only places them.
 */
import type { KnownBlock } from '@slack/types';
import type { VolumeFacts } from '../customer-snapshot';
import type { CrisisSnapshot } from '../../../core/ports';
import { context, escapeText, mention, section } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';

/** How many remedies the card lists before pointing to the FAQ. */
export const CARD_REMEDIES = 8;

const TREND_WORDS = { up: '↑ rising', down: '↓ falling', steady: '→ steady' } as const;

export function volumeText(volume: VolumeFacts, timeZone: string): string {
  const { latest } = volume;
  const trend = volume.trend === null ? 'first figure' : `${TREND_WORDS[volume.trend]} from ${volume.previous ?? 0}`;
  const median = volume.hourMedian === null ? '' : ` · median of the hour before: ${volume.hourMedian}`;
  return `*${latest.count.toLocaleString('en')}* (${escapeText(latest.source)}) at ${formatTime(latest.at, timeZone)} · ${trend}${median}`;
}

export function customerCardBlocks(snapshot: CrisisSnapshot, timeZone: string): KnownBlock[] {
  const facts = snapshot.customer;
  if (!facts) return [];
  const blocks: KnownBlock[] = [];
  if (facts.impactChangedAt && facts.impactChangedBy) {
    blocks.push(context(`Impact updated ${formatTime(facts.impactChangedAt, timeZone)} by ${mention(facts.impactChangedBy)} · ${facts.impactVersions} versions in the timeline`));
  }
  if (facts.volume) blocks.push(section(`*Complaint volume*\n${volumeText(facts.volume, timeZone)}`, 'card_volume'));
  if (facts.remedies.length > 0) {
    const shown = facts.remedies.slice(-CARD_REMEDIES).map((r) => `• ${escapeText(r.text)}`);
    const more = facts.remedies.length > CARD_REMEDIES ? `\n_…and ${facts.remedies.length - CARD_REMEDIES} earlier ones in the pinned FAQ_` : '';
    blocks.push(section(`*Remedies offered*\n${shown.join('\n')}${more}`, 'card_remedies'));
  }
  if (facts.faq.approved + facts.faq.proposed > 0) {
    const waiting = facts.faq.proposed > 0 ? `, ${facts.faq.proposed} waiting for approval` : '';
    blocks.push(context(`FAQ for support reps: ${facts.faq.approved} approved answer${facts.faq.approved === 1 ? '' : 's'}${waiting} · \`/crisis faq\``));
  }
  return blocks;
}
