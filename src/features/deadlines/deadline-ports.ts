/** What the deadline clocks need from Slack (the alert in the channel), and what every snapshot carries of them (the card's next deadline). */
import type { DeadlineClock, NextDeadline } from './deadlines';

export interface DeadlineAlertMessage {
  kind: 'reminder' | 'missed';
  clock: DeadlineClock;
  minutesLeft: number;
  /** Lead and legal, each once. */
  mentionIds: string[];
}

declare module '../../core/ports' {
  interface CrisisSnapshot {
    /** The open deadline clock due soonest; null when none runs. Views that need it are given it. */
    nextDeadline?: NextDeadline | null;
  }
  interface Notifier {
    /** A deadline reminder or a missed deadline, in the crisis channel. */
    postDeadlineAlert(snapshot: CrisisSnapshot, alert: DeadlineAlertMessage): Promise<void>;
  }
}
