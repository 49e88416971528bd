/**
 * The one clock a dispatcher, its rules and its rate limit share. Tests pass a controllable one
 * so that queue, worker, dispatcher and rules all see the same time; production uses the system's.
 */
export interface DispatchClock {
  now(): Date;
  /** Resolves once `ms` have passed on this clock. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: DispatchClock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A clock that moves only when told to (or by what sleepers ask for): tests. */
export class ManualClock implements DispatchClock {
  private ms: number;
  constructor(start: Date) {
    this.ms = start.getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  /** A sleeper advances the clock: nothing else runs in between that would notice. */
  async sleep(ms: number): Promise<void> {
    if (ms > 0) this.ms += ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(at: Date): void {
    this.ms = at.getTime();
  }
}

/**
 * Real time moved to a fixed date: `now` is `base` plus the real time elapsed since `anchorMs`
 * (a Date.now() reading). Processes given the same base and anchor share one clock, so rate
 * tests run in real time while every date the rules see stays the test's.
 */
export function shiftedClock(base: Date, anchorMs: number): DispatchClock {
  const offset = base.getTime() - anchorMs;
  return { now: () => new Date(Date.now() + offset), sleep: systemClock.sleep };
}
