/** Fakes of the people side's ports for service tests: a PeopleNotifier that records, a Home refresher that records, a tiny PNG. */
import type { HomeRefresher, PeopleNotifier, ReportDelivery, ShiftBreakMessage } from '../../src/core/people-ports';
import type { CrisisSnapshot } from '../../src/core/ports';

/** A valid 1×1 PNG: what a fake chart renderer returns. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export class FakePeopleNotifier implements PeopleNotifier {
  readonly breaks: Array<{ crisisId: number; shift: ShiftBreakMessage }> = [];
  readonly notices: Array<{ crisisId: number; shift: ShiftBreakMessage }> = [];
  readonly reports: Array<{ userId: string; delivery: ReportDelivery }> = [];
  readonly bots = new Set<string>();
  failBreak: Error | undefined;
  failNotice: Error | undefined;
  failReport: Error | undefined;

  async dmShiftBreak(snapshot: CrisisSnapshot, shift: ShiftBreakMessage): Promise<void> {
    if (this.failBreak) throw this.failBreak;
    this.breaks.push({ crisisId: snapshot.crisis.id, shift });
  }
  async postShiftNotice(snapshot: CrisisSnapshot, shift: ShiftBreakMessage): Promise<void> {
    if (this.failNotice) throw this.failNotice;
    this.notices.push({ crisisId: snapshot.crisis.id, shift });
  }
  async isBot(userId: string): Promise<boolean> {
    return this.bots.has(userId);
  }
  async sendReport(userId: string, delivery: ReportDelivery): Promise<void> {
    if (this.failReport) throw this.failReport;
    this.reports.push({ userId, delivery });
  }
}

export class RecordingHome implements HomeRefresher {
  readonly touched: string[][] = [];
  touch(userIds: readonly string[]): void {
    this.touched.push([...userIds]);
  }
  /** Everyone touched since the last call, once each. */
  take(): string[] {
    const all = [...new Set(this.touched.flat())].sort();
    this.touched.length = 0;
    return all;
  }
}
