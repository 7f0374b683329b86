import type { Note } from '../../shared/contract';
import type { AgentConnection } from '../agent-socket';
import { createClientId } from '../../shared/client/client-id';
import type { AgentActions } from './agent-actions';
import { createStore } from '../../shared/client/store';

/** Internal notes per conversation: loaded when it is opened, kept live by `note:new`. */
export function createNotes(connection: AgentConnection, actions: AgentActions) {
  const store = createStore<{ byConversation: Readonly<Record<string, Note[]>> }>({ byConversation: {} });
  const loaded = new Set<string>();

  function add(conversationId: string, notes: readonly Note[]): void {
    store.set((s) => ({
      byConversation: { ...s.byConversation, [conversationId]: mergeNotes(s.byConversation[conversationId] ?? [], notes) },
    }));
  }

  return {
    store,
    receive(note: Note): void {
      add(note.conversationId, [note]);
    },
    /** Loads a conversation's notes once per connection. */
    loadFor(conversationId: string): void {
      if (loaded.has(conversationId)) return;
      loaded.add(conversationId);
      connection.request('notes:list', { conversationId }).then(
        ({ notes }) => add(conversationId, notes),
        () => loaded.delete(conversationId),
      );
    },
    write(conversationId: string, text: string): Promise<boolean> {
      return actions.run(async () => {
        const { note } = await connection.request('note:add', { conversationId, clientId: createClientId(), text });
        add(conversationId, [note]);
      });
    },
    /** A new socket: load again what may have changed meanwhile. */
    connected(): void {
      loaded.clear();
    },
  };
}

function mergeNotes(existing: readonly Note[], incoming: readonly Note[]): Note[] {
  const byId = new Map(existing.map((n) => [n.id, n]));
  for (const note of incoming) byId.set(note.id, note);
  return [...byId.values()].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}
