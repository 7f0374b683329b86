import { createRestClient, type RestClientOptions } from '../../shared/client/rest-client';
import type { OutboxResponse } from '../../shared/contract/mail';
import { endpoints } from '../../shared/contract/endpoints';

/** The outbox over REST (same origin, session cookie); failures reject with `RestError`. */
export interface MailApi {
  outbox(page: number): Promise<OutboxResponse>;
}

export function createMailApi(options: RestClientOptions = {}): MailApi {
  const rest = createRestClient(options);
  return {
    outbox: (page) => rest.call(endpoints.mail.outbox, { query: { page } }),
  };
}
