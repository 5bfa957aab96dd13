/**
 * The services' Notifier, spoken in Slack: renders each intent with a view builder and makes the
 * Web API calls. Responses are read through zod, the boundary with Slack's data.
 */
import { z } from 'zod';
import type { DebriefReport } from '../features/record/debrief';
import type { Role } from '../core/roles';
import type { Logger } from '../logger';
import type { BotMetrics } from '../metrics';
import { ChannelNameTakenError, ExternalCallError, type Announcement, type ChannelNotice, type CrisisSnapshot, type Notifier } from '../core/ports';
import type { ChecklistMessage } from '../features/roles/roles-ports';
import type { DeadlineAlertMessage } from '../features/deadlines/deadline-ports';
import type { DebriefAttachment } from '../core/debrief-attachment';
import type { DeclareRepairNotice } from '../features/crisis/crisis-ports';
import type { ReminderMessage, UpdateMessage } from '../features/updates/update-ports';
import { buildChecklistDm } from '../features/roles/slack/checklist-dm';
import { escapeText, inertPlainText, mentionedUserIds } from '../slack/views/blocks';
import { buildCrisisCard } from '../features/crisis/slack/crisis-card';
import { buildDeadlineAlert } from '../features/deadlines/slack/deadline-views';
import { markDrill } from '../slack/views/drill';
import { buildDebriefBlocks } from '../features/record/slack/debrief-view';
import { buildDeclareRepairDm } from '../features/crisis/slack/declare-repair-dm';
import { buildAnnouncement, buildNotice, type Message } from '../slack/views/messages';
import type { Statement } from '../features/statements/statements';
import type { PromiseAlertMessage } from '../features/statements/statement-ports';
import { buildChangesDm, buildLegalNeeded, buildPromiseBroken, buildPromiseBrokenInChannel, buildPromiseReminder, buildPublishedMessage, buildStatementMessage } from '../features/statements/slack/statement-messages';
import { MARKDOWN, uploadFile } from '../slack/file-upload';
import type { SlackApi } from '../slack/web-api';
import { cutText } from '../core/text';
import { buildEscalationDm } from '../features/updates/slack/update-messages';
import { buildUpdateMessage } from '../features/updates/slack/update-messages';
import { buildReminder } from '../features/updates/slack/update-messages';
import { buildRelievedDm } from '../features/roles/slack/relieved-dm';

const Posted = z.object({ channel: z.string(), ts: z.string() });
const Created = z.object({ channel: z.object({ id: z.string(), name: z.string() }) });
const Permalink = z.object({ permalink: z.string() });
const Members = z.object({ members: z.array(z.string()), response_metadata: z.object({ next_cursor: z.string().optional() }).optional() });
const UserInfo = z.object({
  user: z.object({ name: z.string().optional(), real_name: z.string().optional(), profile: z.object({ real_name: z.string().optional() }).optional() }),
});

/** A debrief names at most this many people; past that, the rest keep their ids (one call each). */
const MAX_NAMES_LOOKED_UP = 100;
/** How many calls of one method go out together: well inside Slack's per-minute tiers, and a 429 is still waited out. */
const INVITES_AT_ONCE = 5;
const NAME_LOOKUPS_AT_ONCE = 10;
/** Members read a page at a time (Slack's largest page); a crisis channel bigger than this many pages is not looked through. */
const MEMBERS_PAGE = 1000;
const MAX_MEMBER_PAGES = 20;
/** conversations.setTopic and setPurpose refuse more (too_long). */
const MAX_TOPIC_LENGTH = 250;

/**
 * Runs `fn` on every item, `size` at a time, and settles each; a failure does not stop the others.
 * The results are in the items' order.
 */
async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<Array<PromiseSettledResult<R>>> {
  const results: Array<PromiseSettledResult<R>> = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.allSettled(items.slice(i, i + size).map(fn))));
  return results;
}

/** Throws the first failure among calls that have all answered: nothing is left running behind an error. */
function throwFirstFailure(settled: ReadonlyArray<PromiseSettledResult<unknown>>): void {
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export interface NotifierSettings {
  timeZone: string;
  announceChannel: string | undefined;
}

export class SlackNotifier implements Notifier {
  /** Names barely change during a crisis, and a debrief asks for the same people again. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly api: SlackApi,
    private readonly settings: NotifierSettings,
    private readonly logger: Logger,
    private readonly metrics?: Pick<BotMetrics, 'reminderSent'>,
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

  /**
   * The topic and purpose are plain text in which Slack still reads `<…>` markup: people's words
   * in them (the title, the impact) are made inert there, and cut to Slack's 250 characters
   * between characters, never inside one.
   */
  async describeChannel(channelId: string, topic: string, purpose: string): Promise<void> {
    throwFirstFailure(
      await Promise.allSettled([
        this.api.call('conversations.setTopic', { channel: channelId, topic: cutText(inertPlainText(topic), MAX_TOPIC_LENGTH) }),
        this.api.call('conversations.setPurpose', { channel: channelId, purpose: cutText(inertPlainText(purpose), MAX_TOPIC_LENGTH) }),
      ]),
    );
  }

  async invite(channelId: string, userIds: string[]): Promise<void> {
    // One call per person, since Slack refuses a whole batch when one person is already in the
    // channel; the calls go out together, a few at a time (conversations.invite is Tier 3).
    throwFirstFailure(
      await inBatches(userIds, INVITES_AT_ONCE, (user) =>
        this.api.call('conversations.invite', { channel: channelId, users: user }, ['already_in_channel', 'cant_invite_self']),
      ),
    );
  }

  async isMember(channelId: string, userId: string): Promise<boolean> {
    let cursor = '';
    for (let page = 0; page < MAX_MEMBER_PAGES; page += 1) {
      const result = Members.parse(await this.api.call('conversations.members', { channel: channelId, limit: MEMBERS_PAGE, ...(cursor ? { cursor } : {}) }));
      if (result.members.includes(userId)) return true;
      cursor = result.response_metadata?.next_cursor ?? '';
      if (!cursor) return false;
    }
    return false;
  }

  async postCard(snapshot: CrisisSnapshot): Promise<string> {
    const nameOf = await this.namesIn([snapshot.crisis.customerImpact, snapshot.crisis.resolutionSummary]);
    return (await this.post(snapshot.crisis.channelId, buildCrisisCard(snapshot, this.settings.timeZone, nameOf))).ts;
  }

  async updateCard(snapshot: CrisisSnapshot): Promise<void> {
    const { crisis } = snapshot;
    if (!crisis.cardTs) return;
    const card = buildCrisisCard(snapshot, this.settings.timeZone, await this.namesIn([crisis.customerImpact, crisis.resolutionSummary]));
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
    await this.post(userId, markDrill(snapshot.crisis, buildRelievedDm(snapshot, role, by, userId)));
  }

  async postUpdate(snapshot: CrisisSnapshot, update: UpdateMessage): Promise<string> {
    return (await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildUpdateMessage(snapshot, update, this.settings.timeZone)))).ts;
  }

  async postNotice(snapshot: CrisisSnapshot, notice: ChannelNotice): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildNotice(snapshot, notice, this.settings.timeZone)));
  }

  async postReminder(snapshot: CrisisSnapshot, reminder: ReminderMessage): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildReminder(snapshot, reminder)));
    this.metrics?.reminderSent(reminder.overdue);
  }

  async dmEscalation(userId: string, snapshot: CrisisSnapshot, minutesSinceUpdate: number): Promise<void> {
    await this.post(userId, markDrill(snapshot.crisis, buildEscalationDm(snapshot, minutesSinceUpdate)));
  }

  async postDeadlineAlert(snapshot: CrisisSnapshot, alert: DeadlineAlertMessage): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildDeadlineAlert(snapshot, alert, this.settings.timeZone)));
  }

  async postStatement(snapshot: CrisisSnapshot, statement: Statement): Promise<string> {
    return (await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildStatementMessage(snapshot, statement, this.settings.timeZone)))).ts;
  }

  async updateStatement(snapshot: CrisisSnapshot, statement: Statement): Promise<void> {
    if (!statement.messageTs) return;
    const message = markDrill(snapshot.crisis, buildStatementMessage(snapshot, statement, this.settings.timeZone));
    await this.api.call('chat.update', { channel: snapshot.crisis.channelId, ts: statement.messageTs, text: message.text, blocks: message.blocks });
  }

  async postPublished(snapshot: CrisisSnapshot, statement: Statement): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildPublishedMessage(statement, this.settings.timeZone)));
  }

  async dmChangesRequested(snapshot: CrisisSnapshot, statement: Statement): Promise<void> {
    await this.post(statement.authorId, markDrill(snapshot.crisis, buildChangesDm(snapshot, statement)));
  }

  async postPromiseReminder(snapshot: CrisisSnapshot, alert: PromiseAlertMessage): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildPromiseReminder(alert, this.settings.timeZone)));
  }

  async postPromiseBroken(snapshot: CrisisSnapshot, alert: PromiseAlertMessage): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildPromiseBrokenInChannel(alert, this.settings.timeZone)));
  }

  async tellPromiseBroken(userId: string, snapshot: CrisisSnapshot, alert: PromiseAlertMessage): Promise<void> {
    await this.post(userId, markDrill(snapshot.crisis, buildPromiseBroken(snapshot, alert, this.settings.timeZone)));
  }

  async postLegalNeeded(snapshot: CrisisSnapshot, waiting: readonly number[]): Promise<void> {
    await this.post(snapshot.crisis.channelId, markDrill(snapshot.crisis, buildLegalNeeded(snapshot, waiting)));
  }

  async permalink(channelId: string, ts: string): Promise<string | null> {
    const result = await this.api.call('chat.getPermalink', { channel: channelId, message_ts: ts });
    return Permalink.parse(result).permalink;
  }

  async react(channelId: string, ts: string, name: string): Promise<void> {
    await this.api.call('reactions.add', { channel: channelId, timestamp: ts, name }, ['already_reacted']);
  }

  async postDebrief(snapshot: CrisisSnapshot, report: DebriefReport, attachments: DebriefAttachment[] = []): Promise<void> {
    const { crisis } = snapshot;
    // The report's texts were read for names already (the file names people), so these are known.
    const blocks = buildDebriefBlocks(report, this.settings.timeZone, await this.namesIn([JSON.stringify(report)]));
    const title = `${crisis.isDrill ? 'DRILL · ' : ''}${report.interim ? 'Interim after-action report' : 'After-action report'}: ${crisis.title}`;
    // The message text is mrkdwn (a `<!channel>` title would ping); the file title is plain.
    // The bytes go up first and together (invisible until shared), so a failure there leaves
    // nothing in the channel; then the summary, then the share, so the files always follow their
    // summary. Only the final share can fail after the summary is posted.
    // Attachments (the volume chart) go up beside the report and are shared in the same call.
    const [fileId, ...attachmentIds] = await Promise.all([
      uploadFile(this.api, this.logger, `${crisis.channelName}-debrief.md`, Buffer.from(report.markdown, 'utf8'), MARKDOWN),
      ...attachments.map((a) => uploadFile(this.api, this.logger, a.filename, a.bytes, a.contentType)),
    ]);
    await this.post(crisis.channelId, { text: escapeText(title), blocks });
    await this.api.call('files.completeUploadExternal', {
      files: JSON.stringify([{ id: fileId, title: cutText(title, 250) }, ...attachments.map((a, i) => ({ id: attachmentIds[i], title: cutText(a.title, 250) }))]),
      channel_id: crisis.channelId,
    });
  }

  async tellDeclarer(userId: string, notice: DeclareRepairNotice): Promise<void> {
    const message = buildDeclareRepairDm(notice);
    await this.post(userId, notice.kind === 'finished' ? markDrill(notice.snapshot.crisis, message) : message);
  }

  async userNames(userIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const unknown: string[] = [];
    for (const id of new Set(userIds)) {
      const cached = this.names.get(id);
      if (cached !== undefined) found.set(id, cached);
      else unknown.push(id);
    }
    // Looked up together, a few at a time (users.info is Tier 4), instead of one after another.
    const lookedUp = await inBatches(unknown.slice(0, MAX_NAMES_LOOKED_UP), NAME_LOOKUPS_AT_ONCE, async (id) => {
      const { user } = UserInfo.parse(await this.api.call('users.info', { user: id }));
      return { id, name: user.real_name || user.profile?.real_name || user.name };
    });
    for (const [i, result] of lookedUp.entries()) {
      if (result.status === 'rejected') {
        this.logger.debug('could not look up a user name', { userId: unknown[i], error: result.reason });
        continue;
      }
      const { id, name } = result.value;
      if (!name) continue;
      this.names.set(id, name);
      found.set(id, name);
    }
    return found;
  }

  /**
   * Names for the people mentioned in `texts`, so a message for everyone shows them as `@name`
   * instead of pinging them. No mention, no call; a name Slack does not give stays an ID.
   */
  private async namesIn(texts: ReadonlyArray<string | null>): Promise<(userId: string) => string | undefined> {
    const ids = mentionedUserIds(texts);
    if (ids.length === 0) return () => undefined;
    const names = await this.userNames(ids);
    return (id) => names.get(id);
  }

  private async post(channel: string, message: Message): Promise<{ channel: string; ts: string }> {
    const result = await this.api.call('chat.postMessage', { channel, text: message.text, blocks: message.blocks, unfurl_links: false });
    return Posted.parse(result);
  }
}
