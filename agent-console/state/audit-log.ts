import { createStore } from '../../shared/client/store';
import type { AuditEntry } from '../../shared/contract/audit';
import type { AuditApi, AuditFilters } from '../api/audit-api';
import { describeFailure } from '../lib/describe-failure';

export interface AuditLogState {
  filters: AuditFilters;
  /** `more`: the first page is shown and the next is loading. */
  phase: 'loading' | 'failed' | 'ready' | 'more';
  entries: AuditEntry[];
  /** Where the next (older) page starts; null at the end. */
  next: string | null;
  message: string;
}

/** The audit log: the first page for the filters, then older pages appended; filters changed meanwhile win. */
export function createAuditLog(api: AuditApi) {
  const store = createStore<{ state: AuditLogState }>({
    state: { filters: {}, phase: 'loading', entries: [], next: null, message: '' },
  });
  let latest = 0;

  async function fetchPage(filters: AuditFilters, before: string | null, kept: AuditEntry[]): Promise<void> {
    const ticket = ++latest;
    const { state } = store.get();
    store.set({ state: { ...state, filters, phase: before ? 'more' : 'loading', entries: kept, ...(before ? {} : { next: null }) } });
    try {
      const page = await api.page(filters, before);
      if (ticket === latest)
        store.set({ state: { filters, phase: 'ready', entries: [...kept, ...page.entries], next: page.next, message: '' } });
    } catch (error) {
      if (ticket === latest) store.set({ state: { ...store.get().state, phase: 'failed', message: describeFailure(error) } });
    }
  }

  return {
    store,
    /** Shows the newest entries matching `filters`. */
    show: (filters: AuditFilters) => fetchPage(filters, null, []),
    /** Appends the next older page. */
    more: () => {
      const { filters, next, entries } = store.get().state;
      return next ? fetchPage(filters, next, entries) : Promise.resolve();
    },
  };
}
