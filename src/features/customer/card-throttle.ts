/**
 * Repainting the crisis card no more often than Slack can take, and no later than people need.
 * A help desk may send a volume sample every few seconds, and chat.update allows about one call a
 * second per channel: a sample a second or more after the last repaint repaints at once; one
 * sooner waits for a single trailing repaint, due `intervalMs` after the last repaint (not after
 * the request), so a new figure reaches the card within about a second whatever the rate. Repaints
 * of one card never overlap (a slow one would otherwise land after a newer one and show an older
 * figure): a request while one is in flight is served by one trailing repaint after it.
 */
import type { Clock } from '../../clock';

/** chat.update's pace per channel (Slack's Tier 3 "about one a second"). */
export const CARD_REPAINT_INTERVAL_MS = 1_000;

interface CardState {
  /** When the last repaint started (by the service clock). */
  lastAt?: number;
  inFlight?: Promise<void>;
  /** A trailing repaint is scheduled (or will be once the one in flight ends). */
  trailing: boolean;
  timer?: NodeJS.Timeout;
}

export class CardThrottle {
  private readonly cards = new Map<number, CardState>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly repaint: (crisisId: number) => Promise<void>,
    readonly intervalMs = CARD_REPAINT_INTERVAL_MS,
  ) {}

  /** Repaints now, or schedules one trailing repaint; resolves when a repaint done now is done. */
  async request(crisisId: number): Promise<void> {
    const card = this.state(crisisId);
    if (card.trailing) return;
    const wait = this.waitMs(card);
    if (card.inFlight === undefined && wait <= 0) {
      await this.paint(crisisId, card);
      return;
    }
    card.trailing = true;
    if (card.inFlight === undefined) this.schedule(crisisId, card, wait);
    // else: paint() schedules it when the one in flight ends.
  }

  /** Cards with a repaint going out or a trailing one waiting for its time (bot.activity()). */
  get pending(): number {
    let n = 0;
    for (const card of this.cards.values()) if (card.inFlight !== undefined || card.trailing) n += 1;
    return n;
  }

  /** A repaint made for another reason counts as this crisis's latest. */
  painted(crisisId: number): void {
    this.state(crisisId).lastAt = this.clock.now().getTime();
  }

  stop(): void {
    this.stopped = true;
    for (const card of this.cards.values()) {
      if (card.timer) clearTimeout(card.timer);
      card.timer = undefined;
      card.trailing = false;
    }
  }

  private state(crisisId: number): CardState {
    let card = this.cards.get(crisisId);
    if (!card) {
      card = { trailing: false };
      this.cards.set(crisisId, card);
    }
    return card;
  }

  /** How long until the card may be repainted: never more than one interval, even if the clock went back. */
  private waitMs(card: CardState): number {
    if (card.lastAt === undefined) return 0;
    return Math.min(this.intervalMs, card.lastAt + this.intervalMs - this.clock.now().getTime());
  }

  private async paint(crisisId: number, card: CardState): Promise<void> {
    card.lastAt = this.clock.now().getTime();
    const run = this.repaint(crisisId);
    card.inFlight = run;
    try {
      await run;
    } finally {
      card.inFlight = undefined;
      if (card.trailing && !this.stopped) this.schedule(crisisId, card, this.waitMs(card));
    }
  }

  private schedule(crisisId: number, card: CardState, waitMs: number): void {
    // A real timer: in tests with a ManualClock the decisions above still follow the clock.
    const timer = setTimeout(() => {
      card.timer = undefined;
      card.trailing = false;
      // The repaint logs its own failures; nothing is left to handle here.
      if (!this.stopped) this.paint(crisisId, card).catch(() => undefined);
    }, Math.max(0, waitMs));
    timer.unref();
    card.timer = timer;
  }
}
