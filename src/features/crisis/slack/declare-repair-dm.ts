/**
 * The DM to a person whose declare was cut short (the bot was restarted mid-way, or Slack failed
 * and the clean-up could not be done then): what was finished for them, or that nothing was
 * declared and what became of the half-made channel. Sent only to them, so a private crisis's
 * title may be named.
 */
import type { DeclareRepairNotice } from '../crisis-ports';
import { channelLink, escapeText, mention, section } from '../../../slack/views/blocks';
import type { Message } from '../../../slack/views/messages';
import { mrkdwn } from '../../../slack/views/words';

export function buildDeclareRepairDm(notice: DeclareRepairNotice): Message {
  if (notice.kind === 'finished') {
    const { crisis, holders } = notice.snapshot;
    const what = crisis.isDrill ? 'drill' : 'crisis';
    const lead = holders.lead.map(mention).join(', ') || '_nobody yet_';
    const lines = [
      `:rotating_light: Your ${what} *${escapeText(crisis.title)}* is declared: ${channelLink(crisis.channelId)}. Lead: ${lead}.`,
      'The bot was interrupted while setting it up, and has now finished: the card is pinned and the crisis announced.',
      ...(notice.warnings.length ? [`:warning: ${notice.warnings.map(mrkdwn).join('\n')}`] : []),
    ];
    return { text: `Your ${what} "${escapeText(crisis.title)}" is declared: ${channelLink(crisis.channelId)}`, blocks: [section(lines.join('\n'))] };
  }
  const what = notice.isDrill ? 'drill' : 'crisis';
  const name = notice.channelName ? `#${escapeText(notice.channelName)}` : 'its channel';
  const channel = {
    archived: `Its half-made channel ${name} was archived.`,
    not_archived: `I could not archive its half-made channel ${name}; please archive it.`,
    unknown: notice.channelName ? `If a channel ${name} was made, it is not the crisis: please archive it.` : '',
  }[notice.channel];
  const text = `:warning: Your ${what} *${escapeText(notice.title)}* was not declared: the bot was interrupted before it was stored. ${channel} Nothing else was made; declare it again with \`/crisis ${notice.isDrill ? 'drill' : 'declare'}\`.`.replace(/ {2,}/g, ' ');
  return { text: `Your ${what} "${escapeText(notice.title)}" was not declared`, blocks: [section(text)] };
}
