import type { AnalyticsReportName, AnalyticsReports } from '../../shared/contract/analytics';

export interface DateRange {
  from: string;
  to: string;
}

export const reportQuery = ({ from, to }: DateRange) => `from=${from}&to=${to}`;
/** The CSV download of a report (same origin: the session cookie goes along). */
export const csvUrl = (name: AnalyticsReportName, range: DateRange) => `/api/analytics/${name}.csv?${reportQuery(range)}`;

/** Loads one report; rejects with a message a person can act on. */
export async function fetchReport<K extends AnalyticsReportName>(
  name: K,
  range: DateRange,
  signal?: AbortSignal,
): Promise<AnalyticsReports[K]> {
  let res: Response;
  try {
    res = await fetch(`/api/analytics/${name}?${reportQuery(range)}`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new Error('Could not reach the server. Check your connection and try again.');
  }
  if (res.ok) return (await res.json()) as AnalyticsReports[K];
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (res.status === 401) throw new Error('Your session has ended. Please sign in again.');
  if (res.status === 403) throw new Error('Only admins can see analytics.');
  throw new Error(body?.error?.message ?? `The server answered ${res.status}. Try again in a moment.`);
}

const DAY_MS = 86_400_000;
export const isoDay = (at: Date) => at.toISOString().slice(0, 10);
/** The last `days` days up to today (UTC), like the server's day boundaries. */
export const lastDays = (days: number, now = new Date()): DateRange => ({
  from: isoDay(new Date(now.getTime() - (days - 1) * DAY_MS)),
  to: isoDay(now),
});
