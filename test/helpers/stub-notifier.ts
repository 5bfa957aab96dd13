/**
 * A Notifier that talks to no one and always succeeds. Benchmarks use it so they measure only our
 * own work (queries, domain logic, rendering), never Slack's time; service tests extend it and
 * override just what they record or script. It counts reminders and escalations, and renders a
 * debrief as the Slack notifier would, so that work is really done. It counts deadline and promise alerts too.
 */
import type { DebriefReport } from '../../src/features/record/debrief';
import type { Statement } from '../../src/features/statements/statements';
import type { Announcement, ChannelNotice, CrisisSnapshot, Notifier } from '../../src/core/ports';
import type { ChecklistMessage } from '../../src/features/roles/roles-ports';
import type { DeadlineAlertMessage } from '../../src/features/deadlines/deadline-ports';
import type { DeclareRepairNotice } from '../../src/features/crisis/crisis-ports';
import type { ReminderMessage } from '../../src/features/updates/update-ports';
import type { PromiseAlertMessage } from '../../src/features/statements/statement-ports';
import { buildDebriefBlocks } from '../../src/features/record/slack/debrief-view';

export class StubNotifier implements Notifier {
  reminders = 0;
  escalations = 0;
  deadlineAlerts = 0;
  promiseAlerts = 0;
  legalNotices = 0;
  /** Size of the last rendered debrief (summary blocks and Markdown), to show it was really built. */
  lastDebriefBytes = 0;

  constructor(protected readonly timeZone = 'UTC') {}

  async createChannel(name: string): Promise<{ id: string; name: string }> {
    return { id: `C${name.length}`, name };
  }
  async archiveChannel(): Promise<void> {}
  async describeChannel(): Promise<void> {}
  async invite(): Promise<void> {}
  async isMember(): Promise<boolean> {
    return true;
  }
  async postCard(): Promise<string> {
    return '1.000001';
  }
  async updateCard(): Promise<void> {}
  async pin(_channelId: string, _ts: string): Promise<void> {}
  async announce(_announcement: Announcement): Promise<string | undefined> {
    return undefined;
  }
  async sendChecklist(_message: ChecklistMessage): Promise<{ channelId: string; ts: string }> {
    return { channelId: 'D0STUB', ts: '1.000002' };
  }
  async updateChecklist(): Promise<void> {}
  async tellDeclarer(_userId: string, _notice: DeclareRepairNotice): Promise<void> {}
  async tellRelieved(): Promise<void> {}
  async postUpdate(): Promise<string> {
    return '1.000003';
  }
  async postNotice(_snapshot: CrisisSnapshot, _notice: ChannelNotice): Promise<void> {}
  async postReminder(_snapshot: CrisisSnapshot, _reminder: ReminderMessage): Promise<void> {
    this.reminders += 1;
  }
  async dmEscalation(_userId: string): Promise<void> {
    this.escalations += 1;
  }
  async postDeadlineAlert(_snapshot: CrisisSnapshot, _alert: DeadlineAlertMessage): Promise<void> {
    this.deadlineAlerts += 1;
  }
  async postStatement(_snapshot: CrisisSnapshot, statement: Statement): Promise<string> {
    return `2.${String(statement.id).padStart(6, '0')}`;
  }
  async updateStatement(): Promise<void> {}
  async postPublished(): Promise<void> {}
  async dmChangesRequested(): Promise<void> {}
  async postPromiseReminder(_snapshot: CrisisSnapshot, _alert: PromiseAlertMessage): Promise<void> {
    this.promiseAlerts += 1;
  }
  async postPromiseBroken(_snapshot: CrisisSnapshot, _alert: PromiseAlertMessage): Promise<void> {
    this.promiseAlerts += 1;
  }
  async tellPromiseBroken(_userId: string, _snapshot: CrisisSnapshot, _alert: PromiseAlertMessage): Promise<void> {
    this.promiseAlerts += 1;
  }
  async postLegalNeeded(_snapshot: CrisisSnapshot, _waiting: readonly number[]): Promise<void> {
    this.legalNotices += 1;
  }
  async permalink(): Promise<string | null> {
    return null;
  }
  async react(): Promise<void> {}
  async postDebrief(_snapshot: CrisisSnapshot, report: DebriefReport): Promise<void> {
    this.lastDebriefBytes = JSON.stringify(buildDebriefBlocks(report, this.timeZone)).length + report.markdown.length;
  }
}
