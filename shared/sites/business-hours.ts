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
