/** Where the server reads the time for its domain decisions (timers, SLAs, caches, rate windows); tests pass their own. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** The clock's time as a Date. */
export function dateOf(clock: Clock): Date {
  return new Date(clock.now());
}
