import { createRestClient, RestError, routeUrl } from '../../shared/client/rest-client';
import type { AnalyticsReportName, AnalyticsReports } from '../../shared/contract/analytics';
import { endpoints } from '../../shared/contract/endpoints';

export interface DateRange {
  from: string;
  to: string;
}

/** The CSV download of a report (same origin: the session cookie goes along). */
export const csvUrl = (name: AnalyticsReportName, { from, to }: DateRange) =>
  routeUrl(endpoints.analytics.report, { params: { report: `${name}.csv` }, query: { from, to } });

const rest = createRestClient();

/** Loads one report; rejects with a message a person can act on. */
export async function fetchReport<K extends AnalyticsReportName>(
  name: K,
  { from, to }: DateRange,
  signal?: AbortSignal,
): Promise<AnalyticsReports[K]> {
  try {
    return (await rest.call(
      endpoints.analytics.report,
      { params: { report: name }, query: { from, to } },
      { signal },
    )) as AnalyticsReports[K];
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new Error(describeReportFailure(error));
  }
}

function describeReportFailure(error: unknown): string {
  if (!(error instanceof RestError)) return 'Something went wrong. Please try again.';
  if (error.status === 401) return 'Your session has ended. Please sign in again.';
  if (error.status === 403) return 'Only admins can see analytics.';
  if (error.code === 'unexpected_response') return `The server answered ${error.status}. Try again in a moment.`;
  return error.message;
}

const DAY_MS = 86_400_000;
export const isoDay = (at: Date) => at.toISOString().slice(0, 10);
/** The last `days` days up to today (UTC), like the server's day boundaries. */
export const lastDays = (days: number, now = new Date()): DateRange => ({
  from: isoDay(new Date(now.getTime() - (days - 1) * DAY_MS)),
  to: isoDay(now),
});
