import { createStore } from '../../shared/client/store';
import type { OutboxMail } from '../../shared/contract/mail';
import type { MailApi } from '../api/mail-api';
import { describeFailure } from '../lib/describe-failure';

export type OutboxState =
  | { phase: 'loading'; page: number }
  | { phase: 'failed'; page: number; message: string }
  | { phase: 'ready'; page: number; pages: number; total: number; mails: OutboxMail[] };

/** One page of the outbox at a time; a page asked for while another loads wins. */
export function createOutbox(api: MailApi) {
  const store = createStore<{ state: OutboxState }>({ state: { phase: 'loading', page: 0 } });
  let latest = 0;

  async function load(page: number): Promise<void> {
    const ticket = ++latest;
    store.set({ state: { phase: 'loading', page } });
    try {
      const { mails, total, pageSize } = await api.outbox(page);
      if (ticket === latest) store.set({ state: { phase: 'ready', page, pages: Math.max(1, Math.ceil(total / pageSize)), total, mails } });
    } catch (error) {
      if (ticket === latest) store.set({ state: { phase: 'failed', page, message: describeFailure(error) } });
    }
  }

  return { store, load };
}
