import { useEffect, useState } from 'preact/hooks';
import type { AnalyticsReportName, AnalyticsReports } from '../../shared/contract/analytics';
import { fetchReport, type DateRange } from '../api/analytics-api';

export type ReportState<T> = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; report: T };

/** Loads a report for the range; `attempt` changes to retry. A newer range cancels an older request. */
export function useReport<K extends AnalyticsReportName>(name: K, range: DateRange, attempt: number): ReportState<AnalyticsReports[K]> {
  const [state, setState] = useState<ReportState<AnalyticsReports[K]>>({ phase: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    setState({ phase: 'loading' });
    fetchReport(name, range, abort.signal).then(
      (report) => setState({ phase: 'ready', report }),
      (err: unknown) => abort.signal.aborted || setState({ phase: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
    return () => abort.abort();
  }, [name, range.from, range.to, attempt]);
  return state;
}
