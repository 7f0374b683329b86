import { createRestClient, type RestClientOptions, routeUrl } from '../../shared/client/rest-client';
import { endpoints } from '../../shared/contract/endpoints';
import type { EraseResponse } from '../../shared/contract/visitor-privacy';

/** An admin's export and erasure of one visitor (same origin, session cookie); failures reject with `RestError`. */
export interface PrivacyApi {
  /** Where the visitor's export file downloads from. */
  exportUrl(visitorId: string): string;
  /** Starts (or looks up) the erasure; `erasing` means it goes on in the background: ask again. */
  erase(visitorId: string): Promise<EraseResponse>;
}

export function createPrivacyApi(options: RestClientOptions = {}): PrivacyApi {
  const rest = createRestClient(options);
  return {
    exportUrl: (visitorId) => routeUrl(endpoints.privacy.export, { params: { visitorId } }, options.baseUrl),
    erase: (visitorId) => rest.call(endpoints.privacy.erase, { params: { visitorId } }),
  };
}
