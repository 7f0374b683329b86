import type { AgentConnection, PushPayload } from '../agent-socket';
import { createStore } from '../../shared/client/store';

/** Read positions both ways: what the visitor has seen (`conversation:read`), and telling the server what the agent has. */
export function createReadReceipts(connection: AgentConnection) {
  const store = createStore<{ visitorRead: Readonly<Record<string, number>> }>({ visitorRead: {} });
  const sent = new Map<string, number>();
  return {
    store,
    visitorRead({ conversationId, seq }: PushPayload<'conversation:read'>): void {
      store.set((s) => ({ visitorRead: { ...s.visitorRead, [conversationId]: seq } }));
    },
    /** The agent has seen the conversation up to `seq`; the server already knows up to `knownSeq`. */
    agentRead(conversationId: string, seq: number, knownSeq: number): void {
      if (seq <= Math.max(sent.get(conversationId) ?? -1, knownSeq)) return;
      sent.set(conversationId, seq);
      connection.request('conversation:read', { conversationId, seq }).catch(() => sent.delete(conversationId));
    },
    connected(): void {
      sent.clear();
    },
  };
}
