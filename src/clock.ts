/**
 * Time as a dependency. Services ask a Clock instead of calling Date.now(), so tests move time
 * forward instead of sleeping, and the demo can run a crisis's hours in seconds.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-11-26T09:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }

  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }
}
