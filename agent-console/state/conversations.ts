import type { ConversationSummary } from '../../shared/contract';
import type { AgentConnection } from '../agent-socket';
import { compareConversations, isStale } from './conversation-order';
import { describeFailure } from '../lib/describe-failure';
import { isDisconnect } from './errors';
import type { InboxView } from './inbox-views';
import { createStore } from '../../shared/client/store';

type Load = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Every conversation summary the console knows, once, by id; the open inbox, the closed list and
 * search results are lists of ids into it, so that one push updates all of them.
 */
export interface ConversationsState {
  byId: Readonly<Record<string, ConversationSummary>>;
  /** The live inbox, in inbox order. */
  open: { load: Exclude<Load, 'idle'>; error: string | null; ids: readonly string[] };
  /** Latest closed first. */
  closed: { load: Load; ids: readonly string[] };
  search: { query: string; load: 'idle' | 'searching' | 'ready' | 'error'; ids: readonly string[] };
  view: InboxView;
}

export type Conversations = ReturnType<typeof createConversations>;

export function createConversations(connection: AgentConnection) {
  const store = createStore<ConversationsState>({
    byId: {},
    open: { load: 'loading', error: null, ids: [] },
    closed: { load: 'idle', ids: [] },
    search: { query: '', load: 'idle', ids: [] },
    view: 'open',
  });
  let inboxGeneration = 0;
  let searchGeneration = 0;
  /** Ids pushed while the open list is loading: their pushed copy may be newer than the answer. */
  let pushedDuringLoad: Set<string> | null = null;

  /** The cache with these summaries merged in; a copy older than the one held is ignored. */
  function merged(summaries: readonly ConversationSummary[]): Record<string, ConversationSummary> {
    const byId = { ...store.get().byId };
    for (const summary of summaries) if (!isStale(byId[summary.id], summary)) byId[summary.id] = summary;
    return byId;
  }

  function openIds(byId: Record<string, ConversationSummary>, ids: Iterable<string>): string[] {
    return [...new Set(ids)]
      .map((id) => byId[id])
      .filter((c): c is ConversationSummary => c?.status === 'open')
      .sort(compareConversations)
      .map((c) => c.id);
  }

  async function loadInbox(): Promise<void> {
    const generation = ++inboxGeneration;
    pushedDuringLoad = new Set();
    if (store.get().open.load === 'error') store.set((s) => ({ open: { ...s.open, load: 'loading', error: null } }));
    try {
      const { conversations } = await connection.request('conversations:list', { status: 'open' });
      if (generation !== inboxGeneration) return;
      const byId = merged(conversations.filter((c) => c.status === 'open'));
      const ids = openIds(byId, [...conversations.map((c) => c.id), ...(pushedDuringLoad ?? [])]);
      pushedDuringLoad = null;
      store.set({ byId, open: { load: 'ready', error: null, ids } });
    } catch (error) {
      if (generation !== inboxGeneration) return;
      pushedDuringLoad = null;
      // A dropped link retries on reconnect; anything else is shown with a retry button.
      if (isDisconnect(error)) return;
      store.set((s) => ({ open: { ...s.open, load: 'error', error: describeFailure(error, 'Could not load conversations.') } }));
    }
  }

  async function loadClosed(): Promise<void> {
    store.set((s) => ({ closed: { ...s.closed, load: 'loading' } }));
    try {
      const { conversations } = await connection.request('conversations:list', { status: 'closed' });
      store.set({ byId: merged(conversations), closed: { load: 'ready', ids: conversations.map((c) => c.id) } });
    } catch {
      store.set((s) => ({ closed: { ...s.closed, load: 'error' } }));
    }
  }

  return {
    store,

    /** The one place a `conversation:upsert` lands: the cache, and the open and closed lists. */
    upsert(summary: ConversationSummary): void {
      pushedDuringLoad?.add(summary.id);
      const state = store.get();
      if (isStale(state.byId[summary.id], summary)) return;
      const byId = { ...state.byId, [summary.id]: summary };
      const others = state.closed.ids.filter((id) => id !== summary.id);
      store.set({
        byId,
        open: { ...state.open, ids: openIds(byId, [...state.open.ids, summary.id]) },
        closed: { ...state.closed, ids: summary.status === 'closed' ? [summary.id, ...others] : others },
      });
    },

    /** Puts a summary the server sent with another answer (opening a conversation, accepting an offer) into the cache. */
    remember(summary: ConversationSummary): void {
      store.set({ byId: merged([summary]) });
    },

    /** Called on every (re)connection. */
    reload(): void {
      void loadInbox();
      if (store.get().view === 'closed') void loadClosed();
    },

    retryInbox(): void {
      if (connection.status() === 'connected') void loadInbox();
    },

    setView(view: InboxView): void {
      store.set({ view });
      if (view === 'closed') void loadClosed();
    },

    async search(query: string): Promise<void> {
      const generation = ++searchGeneration;
      const trimmed = query.trim();
      if (trimmed.length < 2) {
        store.set({ search: { query, load: 'idle', ids: [] } });
        return;
      }
      store.set((s) => ({ search: { ...s.search, query, load: 'searching' } }));
      try {
        const { conversations } = await connection.request('conversations:search', { query: trimmed });
        if (generation !== searchGeneration) return;
        store.set({ byId: merged(conversations), search: { query, load: 'ready', ids: conversations.map((c) => c.id) } });
      } catch {
        if (generation === searchGeneration) store.set({ search: { query, load: 'error', ids: [] } });
      }
    },
  };
}

/** The summaries behind a list of ids. */
export function summariesOf(byId: ConversationsState['byId'], ids: readonly string[]): ConversationSummary[] {
  return ids.map((id) => byId[id]).filter((c) => c !== undefined);
}
