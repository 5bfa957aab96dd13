/** The sharp-rise notice in the crisis channel, and the DM that tells the lead. */
import type { CrisisSnapshot } from '../../../core/ports';
import type { VolumeRise } from '../customer-ports';
import { channelLink, escapeText, mention, section } from '../../../slack/views/blocks';
import { formatTime } from '../../../slack/views/format';
import type { Message } from '../../../slack/views/messages';

function riseLine(rise: VolumeRise, timeZone: string): string {
  const ratio = rise.median > 0 ? ` (${(rise.count / rise.median).toFixed(1)}×)` : '';
  return `*${rise.count.toLocaleString('en')}* (${escapeText(rise.source)}) at ${formatTime(rise.at, timeZone)}, against a median of ${rise.median} over the hour before${ratio}`;
}

export function buildRiseNotice(snapshot: CrisisSnapshot, rise: VolumeRise, timeZone: string): Message {
  const lead = snapshot.holders.lead.map(mention).join(', ') || 'Lead';
  const text = `:chart_with_upwards_trend: *Sharp rise in complaints:* ${riseLine(rise, timeZone)}. ${lead}: time for an update, more support reps, or a holding statement?`;
  return { text: `Sharp rise in complaints: ${rise.count} (${escapeText(rise.source)})`, blocks: [section(text, 'volume_rise')] };
}

export function buildRiseDm(snapshot: CrisisSnapshot, rise: VolumeRise, timeZone: string): Message {
  const text = `:chart_with_upwards_trend: Complaints in ${channelLink(snapshot.crisis.channelId)} (*${escapeText(snapshot.crisis.title)}*) rose sharply: ${riseLine(rise, timeZone)}. As lead, decide whether the response needs more hands or a new statement.`;
  return { text: `Sharp rise in complaints: ${rise.count} (${escapeText(rise.source)})`, blocks: [section(text)] };
}
