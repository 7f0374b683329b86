import { createRestClient, type RestClientOptions, routeUrl } from '../../shared/client/rest-client';
import { endpoints } from '../../shared/contract/endpoints';
import type { EraseResponse, VisitorMatch } from '../../shared/contract/visitor-privacy';

/** An admin's export and erasure of one visitor (same origin, session cookie); failures reject with `RestError`. */
export interface PrivacyApi {
  /** The site's visitors stored with this email address (each one shown is recorded in the audit trail). */
  lookup(email: string): Promise<VisitorMatch[]>;
  /** Where the visitor's export file downloads from. */
  exportUrl(visitorId: string): string;
  /** Starts (or looks up) the erasure; `erasing` means it goes on in the background: ask again. */
  erase(visitorId: string): Promise<EraseResponse>;
}

export function createPrivacyApi(options: RestClientOptions = {}): PrivacyApi {
  const rest = createRestClient(options);
  return {
    lookup: async (email) => (await rest.call(endpoints.privacy.lookup, { query: { email } })).visitors,
    exportUrl: (visitorId) => routeUrl(endpoints.privacy.export, { params: { visitorId } }, options.baseUrl),
    erase: (visitorId) => rest.call(endpoints.privacy.erase, { params: { visitorId } }),
  };
}
