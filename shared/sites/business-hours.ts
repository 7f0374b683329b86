// Plain values, free of zod, so any bundle can import them.

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM" opening and closing times of one day, in the site's time zone; null: closed all day. */
export type DayHours = { open: string; close: string } | null;
export interface BusinessHours {
  /** An IANA time zone, e.g. "Europe/Prague". */
  timezone: string;
  days: Record<Weekday, DayHours>;
}

const SHORT_DAYS: Record<string, Weekday> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

/** Weekday and "HH:MM" of an instant in a time zone. */
export function localTime(timezone: string, at: Date): { day: Weekday; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: SHORT_DAYS[part('weekday')] ?? 'mon', time: `${part('hour')}:${part('minute')}` };
}

/** Whether the site is open at `at`: opening time included, closing time excluded. No hours set: always open. */
export function isWithinBusinessHours(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const { day, time } = localTime(hours.timezone, at);
  const today = hours.days[day];
  return today !== null && time >= today.open && time < today.close;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The next opening after `at` while the site is closed: the instant and whether it is on the same
 * local day as `at`. Null when the site is open at `at`, has no hours set or opens on no day.
 */
export function nextOpening(hours: BusinessHours | null, at: Date): { at: Date; sameDay: boolean } | null {
  if (!hours || isWithinBusinessHours(hours, at)) return null;
  const start = Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
  for (let days = 0; days <= 7; days++) {
    const probe = start + days * DAY_MS;
    const local = localTime(hours.timezone, new Date(probe));
    const today = hours.days[local.day];
    if (!today || (days === 0 && local.time >= today.open)) continue;
    // The opening's instant on that local day; a second step corrects a daylight-saving shift in between.
    let opening = probe + (minutesOf(today.open) - minutesOf(local.time)) * MINUTE_MS;
    opening += (minutesOf(today.open) - minutesOf(localTime(hours.timezone, new Date(opening)).time)) * MINUTE_MS;
    if (opening > at.getTime()) return { at: new Date(opening), sameDay: days === 0 };
  }
  return null;
}
