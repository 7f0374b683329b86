import type { LifecycleSettings } from './settings';

const DAY = 86_400_000;

/**
 * Expected re-purchase interval = the median gap between the customer's orders (gaps under a day
 * are one shopping occasion and ignored), or `repurchaseDefaultDays` with a single order; overdue
 * once the time since the last order exceeds that × `repurchaseOverdueFactor`.
 */
export function isRepurchaseOverdue(orderTimes: number[], now: number, settings: LifecycleSettings): boolean {
  if (orderTimes.length === 0) return false;
  const times = [...orderTimes].sort((a, b) => a - b);
  const gaps = times
    .slice(1)
    .map((t, i) => t - times[i]!)
    .filter((gap) => gap >= DAY)
    .sort((a, b) => a - b);
  const middle = gaps.length >> 1;
  const expected =
    gaps.length === 0 ? settings.repurchaseDefaultDays * DAY : gaps.length % 2 ? gaps[middle]! : (gaps[middle - 1]! + gaps[middle]!) / 2;
  return now - times[times.length - 1]! > expected * settings.repurchaseOverdueFactor;
}
