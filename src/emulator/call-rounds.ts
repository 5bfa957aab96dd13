/**
 * Answering Web API calls in rounds, to count round trips by the order of calls rather than by the
 * time between them: each call is held until every call the client has under way has arrived (the
 * client says how many it has: `underWay`), then the whole round is answered together and numbered.
 * Calls made together share a round however slowly a loaded machine sends them; a call made only
 * once an answer came back is in a later round. The client counts a call as under way until it has
 * read the answer, so nothing is released while an answer of the last round is still being read.
 * (Only Web API calls are held: a call made after a response_url post or a file upload that itself
 * followed an answer counts as one round after that answer, as with a real latency.)
 */

/** Turns of the event loop checked at once before the check slows to a timer. */
const QUICK_CHECKS = 50;
const SLOW_CHECK_MS = 2;

export class CallRounds {
  private held: Array<(round: number) => void> = [];
  private round = 0;
  private checking = false;

  constructor(private readonly underWay: () => number) {}

  /** Waits for the call's round to be answered; resolves with the round's number (from 1). */
  pass(): Promise<number> {
    return new Promise((resolve) => {
      this.held.push(resolve);
      this.check();
    });
  }

  /** Lets every held call through now (the emulator is stopping, or rounds were turned off). */
  releaseAll(): void {
    if (this.held.length > 0) this.answer();
  }

  private check(): void {
    if (this.checking) return;
    this.checking = true;
    let turns = 0;
    const step = (): void => {
      if (this.held.length === 0) {
        this.checking = false;
        return;
      }
      if (this.held.length >= this.underWay()) {
        this.checking = false;
        this.answer();
        return;
      }
      turns += 1;
      if (turns < QUICK_CHECKS) setImmediate(step);
      else setTimeout(step, SLOW_CHECK_MS);
    };
    setImmediate(step);
  }

  private answer(): void {
    this.round += 1;
    for (const release of this.held.splice(0)) release(this.round);
  }
}
