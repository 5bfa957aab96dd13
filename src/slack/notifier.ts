/**
 * The services' Notifier, spoken in Slack: renders each intent with a view builder and makes the
 * Web API calls. Responses are read through zod, the boundary with Slack's data.
 */
import { z } from 'zod';
import type { DebriefReport } from '../domain/debrief';
import type { Role } from '../domain/roles';
import type { Logger } from '../logger';
import {
  ChannelNameTakenError,
  ExternalCallError,
  type Announcement,
  type ChannelNotice,
  type ChecklistMessage,
  type CrisisSnapshot,
  type DeadlineAlertMessage,
  type Notifier,
  type ReminderMessage,
  type UpdateMessage,
} from '../services/ports';
import type { PeopleNotifier, ReportDelivery, ShiftBreakMessage } from '../services/people-ports';
import { buildChecklistDm } from './views/checklist-dm';
import { escapeText, section } from './views/blocks';
import { buildShiftBreakDm, buildShiftNotice } from './views/people-views';
import { buildCrisisCard } from './views/crisis-card';
import { buildDeadlineAlert } from './views/deadline-views';
import { markDrill } from './views/drill';
import { buildDebriefBlocks } from './views/debrief-view';
import {
  buildAnnouncement,
  buildEscalationDm,
  buildNotice,
  buildRelievedDm,
  buildReminder,
  buildUpdateMessage,
  type Message,
} from './views/messages';
import { humanSlackError, type SlackApi } from './web-api';

const Posted = z.object({ channel: z.string(), ts: z.string() });
const Created = z.object({ channel: z.object({ id: z.string(), name: z.string() }) });
const Permalink = z.object({ permalink: z.string() });
const UploadUrl = z.object({ upload_url: z.string(), file_id: z.string() });
const BotFlag = z.object({ user: z.object({ id: z.string(), is_bot: z.boolean().optional(), is_app_user: z.boolean().optional() }) });
const UserInfo = z.object({
  user: z.object({ name: z.string().optional(), real_name: z.string().optional(), profile: z.object({ real_name: z.string().optional() }).optional() }),
});

/** A debrief names at most this many people; past that, the rest keep their ids (one call each). */
const MAX_NAMES_LOOKED_UP = 100;

export interface NotifierSettings {
  timeZone: string;
  announceChannel: string | undefined;
}

export class SlackNotifier implements Notifier, PeopleNotifier {
  /** Names barely change during a crisis, and a debrief asks for the same people again. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly api: SlackApi,
    private readonly settings: NotifierSettings,
    private readonly logger: Logger,
  ) {}

  async createChannel(name: string, options: { isPrivate?: boolean } = {}): Promise<{ id: string; name: string }> {
    try {
      const result = await this.api.call('conversations.create', { name, is_private: options.isPrivate === true });
      return Created.parse(result).channel;
    } catch (err) {
      if (err instanceof ExternalCallError && err.code === 'name_taken') throw new ChannelNameTakenError(name);
      throw err;
    }
  }

  async archiveChannel(channelId: string): Promise<void> {
    await this.api.call('conversations.archive', { channel: channelId }, ['already_archived']);
  }

  async describeChannel(channelId: string, topic: string, purpose: string): Promise<void> {
    await this.api.call('conversations.setTopic', { channel: channelId, topic });
    await this.api.call('conversations.setPurpose', { channel: channelId, purpose });
  }

  async invite(channelId: string, userIds: string[]): Promise<void> {
    // One at a time: Slack refuses a whole batch when one person is already in the channel.
    for (const user of userIds) {
      await this.api.call('conversations.invite', { channel: channelId, users: user }, ['already_in_channel', 'cant_invite_self']);
    }
  }

  async postCard(snapshot: CrisisSnapshot): Promise<string> {
    return (await this.post(snapshot.crisis.channelId, buildCrisisCard(snapshot, this.settings.timeZone))).ts;
  }

  async updateCard(snapshot: CrisisSnapshot): Promise<void> {
    const { crisis } = snapshot;
    if (!crisis.cardTs) return;
    const card = buildCrisisCard(snapshot, this.settings.timeZone);
    await this.api.call('chat.update', { channel: crisis.channelId, ts: crisis.cardTs, text: card.text, blocks: card.blocks });
  }

  async pin(channelId: string, ts: string): Promise<void> {
    await this.api.call('pins.add', { channel: channelId, timestamp: ts }, ['already_pinned']);
  }

  async announce(announcement: Announcement): Promise<string | undefined> {
    const channel = this.settings.announceChannel;
    if (!channel) return undefined;
    return (await this.post(channel, buildAnnouncement(announcement, this.settings.timeZone))).ts;
  }

  async sendChecklist(message: ChecklistMessage): Promise<{ channelId: string; ts: string }> {
    const posted = await this.post(message.assignment.userId, markDrill(message.snapshot.crisis, buildChecklistDm(message)));
    return { channelId: posted.channel, ts: posted.ts };
  }

  async updateChecklist(message: ChecklistMessage): Promise<void> {
    const { dmChannelId, dmTs } = message.assignment;
    if (!dmChannelId || !dmTs) return;
    const dm = markDrill(message.snapshot.crisis, buildChecklistDm(message));
    await this.api.call('chat.update', { channel: dmChannelId, ts: dmTs, text: dm.text, blocks: dm.blocks });
  }

  async tellRelieved(userId: string, snapshot: CrisisSnapshot, role: Role, by: string): Promise<void> {
    await this.post(userId, markDrill(snapshot.crisis, buildRelievedDm(snapshot, role, by)));
  }

  async postUpdate(snapshot: CrisisSnapshot, update: UpdateMessage): Promise<string> {
    return (await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildUpdateMessage(snapshot, update, this.settings.timeZone)))).ts;
  }

  async postNotice(snapshot: CrisisSnapshot, notice: ChannelNotice): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildNotice(snapshot, notice, this.settings.timeZone)));
  }

  async postReminder(snapshot: CrisisSnapshot, reminder: ReminderMessage): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildReminder(snapshot, reminder)));
  }

  async dmEscalation(userId: string, snapshot: CrisisSnapshot, minutesSinceUpdate: number): Promise<void> {
    await this.post(userId, markDrill(snapshot.crisis, buildEscalationDm(snapshot, minutesSinceUpdate)));
  }

  async postDeadlineAlert(snapshot: CrisisSnapshot, alert: DeadlineAlertMessage): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildDeadlineAlert(snapshot, alert, this.settings.timeZone)));
  }

  async permalink(channelId: string, ts: string): Promise<string | null> {
    const result = await this.api.call('chat.getPermalink', { channel: channelId, message_ts: ts });
    return Permalink.parse(result).permalink;
  }

  async react(channelId: string, ts: string, name: string): Promise<void> {
    await this.api.call('reactions.add', { channel: channelId, timestamp: ts, name }, ['already_reacted']);
  }

  async postDebrief(snapshot: CrisisSnapshot, report: DebriefReport): Promise<void> {
    const { crisis } = snapshot;
    const blocks = buildDebriefBlocks(report, this.settings.timeZone);
    const title = `${crisis.isDrill ? 'DRILL · ' : ''}${report.interim ? 'Interim after-action report' : 'After-action report'}: ${crisis.title}`;
    // The message text is mrkdwn (a `<!channel>` title would ping); the file title is plain.
    // The bytes go up first (invisible until shared), so a failure there leaves nothing in the
    // channel; only the final share can fail after the summary is posted.
    const fileId = await this.uploadText(`${crisis.channelName}-debrief.md`, report.markdown);
    await this.post(crisis.channelId, { text: escapeText(title), blocks });
    await this.api.call('files.completeUploadExternal', {
      files: JSON.stringify([{ id: fileId, title: title.slice(0, 250) }]),
      channel_id: crisis.channelId,
    });
  }

  async userNames(userIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let lookups = 0;
    for (const id of new Set(userIds)) {
      const cached = this.names.get(id);
      if (cached !== undefined) {
        found.set(id, cached);
        continue;
      }
      if (lookups >= MAX_NAMES_LOOKED_UP) continue;
      lookups += 1;
      try {
        const { user } = UserInfo.parse(await this.api.call('users.info', { user: id }));
        const name = user.real_name || user.profile?.real_name || user.name;
        if (name) {
          this.names.set(id, name);
          found.set(id, name);
        }
      } catch (err) {
        this.logger.debug('could not look up a user name', { userId: id, error: err });
      }
    }
    return found;
  }

  // --- the people side (PeopleNotifier) --------------------------------------------------------

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
   * The report in the person's DM: both files go up first (invisible until shared), then the
   * message, then one call shares them into the DM the message opened.
   */
  async sendReport(userId: string, delivery: ReportDelivery): Promise<void> {
    const chart = delivery.chart;
    const [markdownId, chartId] = await Promise.all([
      this.uploadText(delivery.markdown.filename, delivery.markdown.content),
      ...(chart ? [this.uploadBytes(chart.filename, chart.png, 'image/png')] : []),
    ]);
    const posted = await this.post(userId, { text: delivery.text, blocks: [section(delivery.text)] });
    const files = [{ id: markdownId, title: delivery.markdown.title.slice(0, 250) }, ...(chart && chartId ? [{ id: chartId, title: chart.title.slice(0, 250) }] : [])];
    await this.api.call('files.completeUploadExternal', { files: JSON.stringify(files), channel_id: posted.channel });
  }

  /** files.getUploadURLExternal → POST the bytes; the file id, for files.completeUploadExternal to share. */
  private uploadText(filename: string, content: string): Promise<string> {
    return this.uploadBytes(filename, Buffer.from(content, 'utf8'), 'text/markdown; charset=utf-8');
  }

  private async uploadBytes(filename: string, bytes: Buffer, contentType: string): Promise<string> {
    const target = UploadUrl.parse(await this.api.call('files.getUploadURLExternal', { filename, length: bytes.length }));
    let response: Response;
    try {
      response = await fetch(target.upload_url, {
        method: 'POST',
        body: bytes,
        headers: { 'Content-Type': contentType },
        // A hung upload would otherwise hold the debrief (and a shutdown waiting for it) forever.
        signal: AbortSignal.timeout(this.api.requestTimeoutMs),
      });
    } catch (err) {
      this.logger.warn('file upload failed', { error: err });
      throw new ExternalCallError('files.upload', 'request_failed', humanSlackError('files.upload', 'request_failed'));
    }
    if (!response.ok) {
      this.logger.warn('file upload was refused', { status: response.status });
      throw new ExternalCallError('files.upload', `http_${response.status}`, 'Slack refused the report file upload. Please try again.');
    }
    return target.file_id;
  }

  private async post(channel: string, message: Message): Promise<{ channel: string; ts: string }> {
    const result = await this.api.call('chat.postMessage', { channel, text: message.text, blocks: message.blocks, unfurl_links: false });
    return Posted.parse(result);
  }
}
