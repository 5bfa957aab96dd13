/**
 * The people side's intents spoken in Slack: the shift-break DM and the notice telling the lead,
 * whether a user is a bot (users.info), and the report across crises delivered to a person's DM.
 * A drill's messages say DRILL, like every other message of a drill.
 */
import { z } from 'zod';
import type { Logger } from '../../../logger';
import type { PeopleNotifier, ReportDelivery, ShiftBreakMessage } from '../../../core/people-ports';
import type { CrisisSnapshot } from '../../../core/ports';
import { MARKDOWN, uploadFile } from '../../../slack/file-upload';
import { markDrill } from '../../../slack/views/drill';
import type { Message } from '../../../slack/views/messages';
import { mrkdwn } from '../../../slack/views/words';
import { buildShiftBreakDm, buildShiftNotice } from '../../roles';
import type { SlackApi } from '../../../slack/web-api';
import { cutText } from '../../../core/text';

const BotFlag = z.object({ user: z.object({ id: z.string(), is_bot: z.boolean().optional(), is_app_user: z.boolean().optional() }) });

export class SlackPeopleNotifier implements PeopleNotifier {
  constructor(
    private readonly api: SlackApi,
    private readonly logger: Logger,
  ) {}

  async dmShiftBreak(snapshot: CrisisSnapshot, shift: ShiftBreakMessage): Promise<void> {
    await this.post(shift.userId, markDrill(snapshot.crisis, buildShiftBreakDm(snapshot, shift)));
  }

  async postShiftNotice(snapshot: CrisisSnapshot, shift: ShiftBreakMessage): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildShiftNotice(snapshot, shift)));
  }

  async isBot(userId: string): Promise<boolean> {
    const { user } = BotFlag.parse(await this.api.call('users.info', { user: userId }));
    return user.is_bot === true || user.is_app_user === true || user.id === 'USLACKBOT';
  }

  /**
   * The report in the person's DM: both files go up together (invisible until shared), then one
   * call shares them into the DM with the message as its comment. Two round trips, and a failed
   * upload leaves no message saying a file is attached.
   */
  async sendReport(userId: string, delivery: ReportDelivery): Promise<void> {
    const chart = delivery.chart;
    const [markdownId, chartId] = await Promise.all([
      uploadFile(this.api, this.logger, delivery.markdown.filename, Buffer.from(delivery.markdown.content, 'utf8'), MARKDOWN),
      ...(chart ? [uploadFile(this.api, this.logger, chart.filename, chart.png, 'image/png')] : []),
    ]);
    const files = [{ id: markdownId, title: cutText(delivery.markdown.title, 250) }, ...(chart && chartId ? [{ id: chartId, title: cutText(chart.title, 250) }] : [])];
    // `channels` takes a user ID for that person's DM with the bot, so no call opens it first.
    await this.api.call('files.completeUploadExternal', { files: JSON.stringify(files), channels: userId, initial_comment: mrkdwn(delivery.text) });
  }

  private async post(channel: string, message: Message): Promise<void> {
    await this.api.call('chat.postMessage', { channel, text: message.text, blocks: message.blocks, unfurl_links: false });
  }
}
