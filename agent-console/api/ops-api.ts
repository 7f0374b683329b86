import { createRestClient, type RestClientOptions } from '../../shared/client/rest-client';
import { endpoints } from '../../shared/contract/endpoints';
import type { QueuesResponse } from '../../shared/contract/ops';

/** The queue view over REST (same origin, session cookie); failures reject with `RestError`. */
export interface OpsApi {
  queues(): Promise<QueuesResponse>;
  retry(queue: string, jobId: string): Promise<void>;
}

export function createOpsApi(options: RestClientOptions = {}): OpsApi {
  const rest = createRestClient(options);
  return {
    queues: () => rest.call(endpoints.ops.queues),
    retry: (queue, jobId) => rest.call(endpoints.ops.retryJob, { params: { queue, jobId } }),
  };
}
