/**
 * Holding Web API calls back before they are answered: a slow Slack (`delayNext`) or a hung one
 * (`hangNext`), so tests can act while the bot is waiting inside a step (say, kill it there).
 */
import type { JsonObject } from './json';

/** A Web API call held back by `delayNext` / `hangNext`. */
export interface HeldCall {
  /** Resolves with the call's arguments once the bot has made it (it is then being held). */
  arrived: Promise<JsonObject>;
  /** Lets the call through now. */
  release(): void;
}

interface Hold {
  match?: (args: JsonObject) => boolean;
  arrive(args: JsonObject): void;
  released: Promise<void>;
  release(): void;
}

export class CallHolds {
  private readonly queued = new Map<string, Hold[]>();
  private readonly holding = new Set<Hold>();

  /** The next call to `method` (that `match` accepts, when given) waits until released. */
  holdNext(method: string, match?: (args: JsonObject) => boolean): HeldCall {
    let arrive: (args: JsonObject) => void = () => {};
    let release: () => void = () => {};
    const arrived = new Promise<JsonObject>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.queued.set(method, [...(this.queued.get(method) ?? []), { arrive, released, release, ...(match ? { match } : {}) }]);
    return { arrived, release };
  }

  /** Waits, when a hold is queued for `method`, until that hold is released. */
  async pass(method: string, args: JsonObject): Promise<void> {
    const list = this.queued.get(method) ?? [];
    const index = list.findIndex((h) => !h.match || h.match(args));
    const hold = index >= 0 ? list.splice(index, 1)[0] : undefined;
    if (!hold) return;
    this.holding.add(hold);
    hold.arrive(args);
    await hold.released;
    this.holding.delete(hold);
  }

  /** Lets everything through and forgets queued holds (on stop, and with clearFaults). */
  releaseAll(): void {
    for (const list of this.queued.values()) for (const hold of list.splice(0)) hold.release();
    for (const hold of this.holding) hold.release();
  }
}
