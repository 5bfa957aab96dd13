/** The give-up notices spoken in Slack: in the crisis channel and by DM; a drill's say DRILL. */
import type { CrisisSnapshot } from '../../../core/ports';
import { markDrill } from '../../../slack/views/drill';
import type { SlackApi } from '../../../slack/web-api';
import type { GaveUpNotice, PublishingNotifier } from '../publishing-ports';
import { buildGaveUpDm, buildGaveUpInChannel } from './delivery-views';

export class SlackPublishingNotifier implements PublishingNotifier {
  constructor(private readonly api: SlackApi) {}

  async postGaveUp(snapshot: CrisisSnapshot, notice: GaveUpNotice): Promise<void> {
    const message = markDrill(snapshot.crisis, buildGaveUpInChannel(notice));
    await this.api.call('chat.postMessage', { channel: snapshot.crisis.channelId, text: message.text, blocks: message.blocks });
  }

  async dmGaveUp(userId: string, snapshot: CrisisSnapshot, notice: GaveUpNotice): Promise<void> {
    const message = markDrill(snapshot.crisis, buildGaveUpDm(snapshot, notice));
    await this.api.call('chat.postMessage', { channel: userId, text: message.text, blocks: message.blocks });
  }
}
