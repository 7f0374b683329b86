import { createStore } from '../../shared/client/store';
import type { QueueSummary } from '../../shared/contract/ops';
import type { OpsApi } from '../api/ops-api';
import { describeFailure } from '../lib/describe-failure';

export type QueuesState = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; queues: QueueSummary[] };

/** A failed job's key in `retrying`: its queue and id. */
export const jobKey = (queue: string, jobId: string) => `${queue}/${jobId}`;

/** The queue view's data: the site's queues, the retries under way, and the last retry that failed. */
export function createQueues(api: OpsApi) {
  const store = createStore<{ state: QueuesState; retrying: readonly string[]; retryError: string | null }>({
    state: { phase: 'loading' },
    retrying: [],
    retryError: null,
  });
  let latest = 0;

  async function load(): Promise<void> {
    const ticket = ++latest;
    if (store.get().state.phase !== 'ready') store.set({ state: { phase: 'loading' } });
    try {
      const { queues } = await api.queues();
      if (ticket === latest) store.set({ state: { phase: 'ready', queues } });
    } catch (error) {
      if (ticket === latest) store.set({ state: { phase: 'failed', message: describeFailure(error) } });
    }
  }

  /** Retries a failed job, then reloads the counts (the job has moved on). */
  async function retry(queue: string, jobId: string): Promise<void> {
    const key = jobKey(queue, jobId);
    store.set({ retrying: [...store.get().retrying, key], retryError: null });
    try {
      await api.retry(queue, jobId);
      await load();
    } catch (error) {
      store.set({ retryError: describeFailure(error) });
    } finally {
      store.set({ retrying: store.get().retrying.filter((k) => k !== key) });
    }
  }

  return { store, load, retry };
}
