import type { VisitorContext, VisitorConversation } from '../../shared/contract';
import type { AgentConnection } from '../agent-socket';
import { describeFailure } from '../lib/describe-failure';
import { isDisconnect } from './errors';
import { createStore } from '../../shared/client/store';

export interface VisitorContextState {
  /** The visitor shown beside the open conversation; null when none is open. */
  visitorId: string | null;
  load: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  context: VisitorContext | null;
  /** The visitor's latest conversations, newest first (from the load; pushes leave them as they are). */
  conversations: VisitorConversation[] | null;
}

const EMPTY: VisitorContextState = { visitorId: null, load: 'idle', error: null, context: null, conversations: null };

/**
 * The lifecycle context of the open conversation's visitor: loaded with `visitor:context` (which also
 * subscribes the socket to that visitor's changes), then kept live by the `visitor:context` pushes.
 */
export function createVisitorContext(connection: AgentConnection) {
  const store = createStore<VisitorContextState>(EMPTY);
  let generation = 0;
  /** Set when a push arrives while a load is in flight: the push is the newer of the two. */
  let pushedDuringLoad = false;

  async function load(visitorId: string): Promise<void> {
    if (connection.status() !== 'connected') return;
    const current = ++generation;
    pushedDuringLoad = false;
    try {
      const { conversations, ...context } = await connection.request('visitor:context', { visitorId });
      if (current !== generation) return;
      store.set((s) => ({ load: 'ready', error: null, context: pushedDuringLoad && s.context ? s.context : context, conversations }));
    } catch (error) {
      if (current !== generation) return;
      // Keep what is shown; a dropped link reloads on reconnect.
      if (store.get().context || isDisconnect(error)) return;
      store.set({ load: 'error', error: describeFailure(error, 'Could not load this visitor.') });
    }
  }

  return {
    store,

    /** Shows this visitor's context (null: nothing); loads it unless it is already shown. */
    show(visitorId: string | null): void {
      const state = store.get();
      if (visitorId === state.visitorId && state.load !== 'error') return;
      if (!visitorId) {
        generation += 1;
        store.set(EMPTY);
        return;
      }
      store.set({ visitorId, load: 'loading', error: null, context: null, conversations: null });
      void load(visitorId);
    },

    retry(): void {
      const { visitorId } = store.get();
      if (!visitorId) return;
      store.set({ load: 'loading', error: null });
      void load(visitorId);
    },

    /** The server forgets which visitors a socket watches: subscribe again on the new one. */
    connected(): void {
      const { visitorId } = store.get();
      if (visitorId) void load(visitorId);
    },

    receive(context: VisitorContext): void {
      if (context.visitorId !== store.get().visitorId) return;
      pushedDuringLoad = true;
      store.set({ load: 'ready', error: null, context });
    },
  };
}
