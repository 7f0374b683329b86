import { createRestClient, type RestClientOptions, routeUrl } from '../../shared/client/rest-client';
import type { AuditPageResponse, AuditQuery } from '../../shared/contract/audit';
import { endpoints } from '../../shared/contract/endpoints';

/** What the audit log is filtered by (all optional). */
export type AuditFilters = Omit<AuditQuery, 'before'>;

/** The site's audit trail over REST (same origin, session cookie); failures reject with `RestError`. */
export interface AuditApi {
  /** One page, newest first, going on from a previous page's `next`. */
  page(filters: AuditFilters, before: string | null): Promise<AuditPageResponse>;
  /** Where the CSV of every entry the filters match downloads from. */
  csvUrl(filters: AuditFilters): string;
}

export function createAuditApi(options: RestClientOptions = {}): AuditApi {
  const rest = createRestClient(options);
  return {
    page: (filters, before) => rest.call(endpoints.audit.list, { query: { ...filters, ...(before && { before }) } }),
    csvUrl: (filters) => routeUrl(endpoints.audit.csv, { query: filters }, options.baseUrl),
  };
}
