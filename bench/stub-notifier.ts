/**
 * A Notifier that talks to no one, so a benchmark measures only our own work (queries, domain
 * logic, rendering), never Slack's time. It counts what it was asked to send.
 */
import type { DebriefReport } from '../src/domain/debrief';
import type { Notifier } from '../src/services/ports';
import { buildDebriefBlocks } from '../src/slack/views/debrief-view';

export class StubNotifier implements Notifier {
  reminders = 0;
  escalations = 0;
  /** Size of the last rendered debrief message, to show it was really built. */
  lastDebriefBytes = 0;

  constructor(private readonly timeZone = 'UTC') {}

  createChannel = async (name: string): Promise<{ id: string; name: string }> => ({ id: `C${name.length}`, name });
  archiveChannel = async (): Promise<void> => {};
  describeChannel = async (): Promise<void> => {};
  invite = async (): Promise<void> => {};
  postCard = async (): Promise<string> => '1.000001';
  updateCard = async (): Promise<void> => {};
  pin = async (): Promise<void> => {};
  announce = async (): Promise<string | undefined> => undefined;
  sendChecklist = async (): Promise<{ channelId: string; ts: string }> => ({ channelId: 'D0STUB', ts: '1.000002' });
  updateChecklist = async (): Promise<void> => {};
  tellRelieved = async (): Promise<void> => {};
  postUpdate = async (): Promise<string> => '1.000003';
  postNotice = async (): Promise<void> => {};
  postReminder = async (): Promise<void> => {
    this.reminders += 1;
  };
  dmEscalation = async (): Promise<void> => {
    this.escalations += 1;
  };
  permalink = async (): Promise<string | null> => null;
  react = async (): Promise<void> => {};
  /** Renders the channel summary as the Slack notifier would, and serialises it; nothing is sent. */
  postDebrief = async (_snapshot: unknown, report: DebriefReport): Promise<void> => {
    this.lastDebriefBytes = JSON.stringify(buildDebriefBlocks(report, this.timeZone)).length + report.markdown.length;
  };
}
