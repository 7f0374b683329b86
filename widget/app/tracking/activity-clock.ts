/** A visitor who does nothing for this long is idle; acting after such a quiet spell is `activity`. */
export const QUIET_MS = 5_000;
/** At most one `activity` event per this interval. */
export const ACTIVITY_THROTTLE_MS = 10_000;

export interface PageTime {
  activeSeconds: number;
  idleSeconds: number;
}

/**
 * Time on the current page while it is visible, split into active and idle (the part of every
 * quiet spell beyond QUIET_MS). Pure: the caller passes the clock, so it is tested without timers.
 */
export class ActivityClock {
  private visibleSince: number | null;
  private lastInput: number;
  private visibleMs = 0;
  private idleMs = 0;
  private lastActivityEvent = -Infinity;

  constructor(now: number, visible: boolean) {
    this.visibleSince = visible ? now : null;
    this.lastInput = now;
  }

  /** Records input; answers whether it should be reported as `activity`. */
  input(now: number): boolean {
    if (this.visibleSince === null) return false;
    const quiet = now - Math.max(this.lastInput, this.visibleSince);
    this.idleMs += Math.max(0, quiet - QUIET_MS);
    this.lastInput = now;
    if (quiet < QUIET_MS || now - this.lastActivityEvent < ACTIVITY_THROTTLE_MS) return false;
    this.lastActivityEvent = now;
    return true;
  }

  setVisible(visible: boolean, now: number): void {
    if (visible === (this.visibleSince !== null)) return;
    if (visible) {
      this.visibleSince = now;
      this.lastInput = now;
    } else {
      this.closeSpan(now);
      this.visibleSince = null;
    }
  }

  /** The time counted since the last take, and starts counting afresh (e.g. for the next page). */
  take(now: number): PageTime {
    if (this.visibleSince !== null) {
      this.closeSpan(now);
      this.visibleSince = now;
      this.lastInput = now;
    }
    const idle = Math.min(this.idleMs, this.visibleMs);
    const time = { activeSeconds: Math.round((this.visibleMs - idle) / 1000), idleSeconds: Math.round(idle / 1000) };
    this.visibleMs = 0;
    this.idleMs = 0;
    return time;
  }

  private closeSpan(now: number): void {
    const since = this.visibleSince ?? now;
    this.visibleMs += now - since;
    this.idleMs += Math.max(0, now - Math.max(this.lastInput, since) - QUIET_MS);
  }
}
