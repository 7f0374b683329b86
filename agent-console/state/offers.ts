import type { ConversationSummary } from '../../shared/contract';
import { AgentRequestError, type AgentConnection, type PushPayload } from '../agent-socket';
import { createStore } from '../../shared/client/store';

export interface EscalationOffer {
  conversation: ConversationSummary;
  /** When the offer moves on to another agent; null when it was offered to everyone. */
  expiresAt: string | null;
  accept: 'idle' | 'accepting' | 'failed';
  error: string | null;
}

/** Escalated conversations offered to this agent (`escalation:offer`) and accepting them. */
export function createOffers(
  connection: AgentConnection,
  /** Called with the conversation this agent just accepted. */
  onAccepted: (conversation: ConversationSummary) => void,
) {
  const store = createStore<{ offers: EscalationOffer[] }>({ offers: [] });
  const expiryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const find = (id: string) => store.get().offers.find((o) => o.conversation.id === id);
  const replace = (next: EscalationOffer) =>
    store.set((s) => ({ offers: s.offers.map((o) => (o.conversation.id === next.conversation.id ? next : o)) }));

  function remove(id: string): void {
    clearTimeout(expiryTimers.get(id));
    expiryTimers.delete(id);
    if (find(id)) store.set((s) => ({ offers: s.offers.filter((o) => o.conversation.id !== id) }));
  }

  return {
    store,
    dismiss: remove,

    add({ conversation, expiresAt }: PushPayload<'escalation:offer'>): void {
      const id = conversation.id;
      clearTimeout(expiryTimers.get(id));
      expiryTimers.delete(id);
      // Past its SLA the server re-routes the offer: drop it here then.
      if (expiresAt)
        expiryTimers.set(
          id,
          setTimeout(() => remove(id), Math.max(0, Date.parse(expiresAt) - Date.now())),
        );
      const offer: EscalationOffer = { conversation, expiresAt, accept: 'idle', error: null };
      store.set((s) => ({ offers: [...s.offers.filter((o) => o.conversation.id !== id), offer] }));
    },

    async accept(conversationId: string): Promise<void> {
      const offer = find(conversationId);
      if (!offer || offer.accept === 'accepting') return;
      replace({ ...offer, accept: 'accepting', error: null });
      try {
        const { conversation } = await connection.request('escalation:accept', { conversationId });
        remove(conversationId);
        onAccepted(conversation);
      } catch (error) {
        const current = find(conversationId);
        if (current) replace({ ...current, accept: 'failed', error: describeAcceptError(error) });
      }
    },

    /** Someone took the conversation, or it closed: it is no longer on offer (only unassigned ones are offered). */
    conversationChanged(summary: ConversationSummary): void {
      // Once accepting, the ack decides (the server announces our own assignment before answering)
      // and a failure stays shown until dismissed.
      if (find(summary.id)?.accept !== 'idle') return;
      if (summary.assigneeId !== null || summary.status !== 'open') remove(summary.id);
    },

    dispose(): void {
      for (const timer of expiryTimers.values()) clearTimeout(timer);
      expiryTimers.clear();
    },
  };
}

function describeAcceptError(error: unknown): string {
  if (!(error instanceof AgentRequestError)) return 'Something went wrong.';
  switch (error.code) {
    case 'conflict':
      return 'Another agent already took it.';
    case 'conversation_closed':
    case 'not_found':
      return 'This conversation is no longer open.';
    case 'disconnected':
    case 'timeout':
      return 'No answer from the server. Try again.';
    default:
      return error.message || 'Something went wrong.';
  }
}
