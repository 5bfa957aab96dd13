/**
 * The customer-side intents spoken in Slack: the FAQ message (posted, then edited in place with
 * chat.update), DMs to support reps, the FAQ proposal and its approval, and the sharp-rise notice.
 * A drill's messages say DRILL, like every other message of a drill.
 */
import { z } from 'zod';
import type { Clock } from '../../../clock';
import type { FaqEntry } from '../faq';
import type { CustomerNotifier, FaqChange, FaqDocument, VolumeRise } from '../customer-ports';
import type { CrisisSnapshot } from '../../../core/ports';
import { markDrill } from '../../../slack/views/drill';
import { buildFaqDm, buildFaqMessage, buildFaqProposal, buildFaqProposalApproved } from './faq-message';
import type { Message } from '../../../slack/views/messages';
import { buildRiseDm, buildRiseNotice } from './volume-messages';
import type { SlackApi } from '../../../slack/web-api';

const Posted = z.object({ channel: z.string(), ts: z.string() });

export class SlackCustomerNotifier implements CustomerNotifier {
  constructor(
    private readonly api: SlackApi,
    private readonly timeZone: string,
    private readonly clock: Clock,
  ) {}

  async postFaq(snapshot: CrisisSnapshot, faq: FaqDocument): Promise<string> {
    const message = markDrill(snapshot.crisis, buildFaqMessage(snapshot, faq, this.clock.now().toISOString(), this.timeZone));
    return (await this.post(snapshot.crisis.channelId, message)).ts;
  }

  async updateFaq(snapshot: CrisisSnapshot, ts: string, faq: FaqDocument): Promise<void> {
    const message = markDrill(snapshot.crisis, buildFaqMessage(snapshot, faq, this.clock.now().toISOString(), this.timeZone));
    await this.api.call('chat.update', { channel: snapshot.crisis.channelId, ts, text: message.text, blocks: message.blocks });
  }

  async dmFaq(userId: string, snapshot: CrisisSnapshot, faq: FaqDocument, change: FaqChange): Promise<void> {
    await this.post(userId, markDrill(snapshot.crisis, buildFaqDm(snapshot, faq, change)));
  }

  async postFaqProposal(snapshot: CrisisSnapshot, entry: FaqEntry, approvers: string[]): Promise<{ channelId: string; ts: string }> {
    const posted = await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildFaqProposal(entry, approvers)));
    return { channelId: posted.channel, ts: posted.ts };
  }

  async updateFaqProposal(snapshot: CrisisSnapshot, entry: FaqEntry): Promise<void> {
    if (!entry.proposalChannelId || !entry.proposalTs) return;
    const message = markDrill(snapshot.crisis, buildFaqProposalApproved(entry, this.timeZone));
    await this.api.call('chat.update', { channel: entry.proposalChannelId, ts: entry.proposalTs, text: message.text, blocks: message.blocks });
  }

  async postRiseNotice(snapshot: CrisisSnapshot, rise: VolumeRise): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildRiseNotice(snapshot, rise, this.timeZone)));
  }

  async dmRise(userId: string, snapshot: CrisisSnapshot, rise: VolumeRise): Promise<void> {
    await this.post(userId, markDrill(snapshot.crisis, buildRiseDm(snapshot, rise, this.timeZone)));
  }

  private async post(channel: string, message: Message): Promise<{ channel: string; ts: string }> {
    const result = await this.api.call('chat.postMessage', { channel, text: message.text, blocks: message.blocks, unfurl_links: false });
    return Posted.parse(result);
  }
}
