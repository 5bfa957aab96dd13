/**
 * Repainting the crisis card no more often than Slack can take. A help desk may send a volume
 * sample every few seconds, and chat.update allows about one call a second per channel: the first
 * sample repaints at once, later ones within `intervalMs` (by the service clock) wait for one
 * trailing repaint, so the card still ends on the latest figure.
 */
import type { Clock } from '../clock';

export class CardThrottle {
  private readonly lastAt = new Map<number, number>();
  private readonly pending = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly clock: Clock,
    private readonly repaint: (crisisId: number) => Promise<void>,
    readonly intervalMs = 10_000,
  ) {}

  /** Repaints now, or schedules one trailing repaint; resolves when a repaint done now is done. */
  async request(crisisId: number): Promise<void> {
    const now = this.clock.now().getTime();
    const last = this.lastAt.get(crisisId);
    if (last === undefined || now - last >= this.intervalMs) {
      this.lastAt.set(crisisId, now);
      await this.repaint(crisisId);
      return;
    }
    if (this.pending.has(crisisId)) return;
    // A real timer: in tests with a ManualClock the decision above still follows the clock.
    const timer = setTimeout(() => {
      this.pending.delete(crisisId);
      this.lastAt.set(crisisId, this.clock.now().getTime());
      void this.repaint(crisisId);
    }, this.intervalMs);
    timer.unref();
    this.pending.set(crisisId, timer);
  }

  /** A repaint made for another reason counts as this crisis's latest. */
  painted(crisisId: number): void {
    this.lastAt.set(crisisId, this.clock.now().getTime());
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
