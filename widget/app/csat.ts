// The rating asked for after an agent closed the conversation.
import type { Store } from '../../shared/client/store';
import { type ChatClient, ChatError } from './chat-client';

export type CsatState = { conversationId: string; status: 'asking' | 'sending' | 'sent' | 'failed' };

export function createCsat(store: Store<{ csat: CsatState | null }>, client: ChatClient) {
  store.set({ csat: null });
  return {
    /** Asks for a rating whenever an agent closes the conversation; answers the function that stops. */
    start: () => client.on('closed', (conversationId) => store.set({ csat: { conversationId, status: 'asking' } })),

    /** The visitor's rating of the closed conversation (1–5, with an optional comment). */
    async rate(rating: number, comment: string): Promise<void> {
      const csat = store.get().csat;
      if (!csat || csat.status === 'sending' || csat.status === 'sent') return;
      const set = (status: CsatState['status']) => store.set({ csat: { ...csat, status } });
      set('sending');
      try {
        await client.request('csat:submit', { conversationId: csat.conversationId, rating, comment: comment.trim() });
        set('sent');
      } catch (error) {
        // Already rated (another tab): as good as sent.
        set(error instanceof ChatError && error.code === 'conflict' ? 'sent' : 'failed');
      }
    },

    /** Writing again starts a new conversation: a rating asked for the closed one is dropped. */
    dismiss(): void {
      if (store.get().csat) store.set({ csat: null });
    },
  };
}
