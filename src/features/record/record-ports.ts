/** What the record needs from Slack: the debrief in the channel, and the resolution's and reopening's notices and announcements. */
import type { DebriefAttachment } from '../../core/debrief-attachment';
import type { DebriefReport } from './debrief';

declare module '../../core/ports' {
  interface Notifier {
    postDebrief(snapshot: CrisisSnapshot, report: DebriefReport, attachments?: DebriefAttachment[]): Promise<void>;
  }
  interface ChannelNotices {
    resolved: { summary: string; by: string };
    reopened: { by: string };
  }
  interface Announcements {
    resolved: { by: string };
    reopened: { by: string };
  }
}
