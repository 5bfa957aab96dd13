/**
 * What the updates feature needs from Slack: the update in the channel, the reminder and the
 * escalation, its notices (status, severity, cadence) and the severity's announcement; and the
 * update clock every snapshot carries.
 */
import type { ReminderState } from '../../core/cadence';
import type { CrisisStatus, Severity } from '../../core/crisis';

export interface UpdateMessage {
  authorId: string;
  text: string;
  status: CrisisStatus;
  nextDueAt: string | null;
}

export interface ReminderMessage {
  overdue: boolean;
  minutesSinceUpdate: number;
  /** Lead, spokesperson and info gatherers, each once. */
  mentionIds: string[];
}

declare module '../../core/ports' {
  interface CrisisSnapshot {
    /** The update clock; undefined only for a crisis without one (none since the first release). */
    reminder: ReminderState | undefined;
  }
  interface Notifier {
    postUpdate(snapshot: CrisisSnapshot, update: UpdateMessage): Promise<string>;
    postReminder(snapshot: CrisisSnapshot, reminder: ReminderMessage): Promise<void>;
    dmEscalation(userId: string, snapshot: CrisisSnapshot, minutesSinceUpdate: number): Promise<void>;
  }
  interface ChannelNotices {
    status: { from: CrisisStatus; to: CrisisStatus; by: string };
    severity: { from: Severity; to: Severity; by: string };
    cadence: { minutes: number | null; by: string };
  }
  interface Announcements {
    severity: { from: Severity; by: string };
  }
}
