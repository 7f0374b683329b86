// The rating asked for after an agent closed the conversation.
import { createStore } from '../../shared/client/store';
import { type ChatClient, ChatError } from './chat-client';

export type CsatState = { conversationId: string; status: 'asking' | 'sending' | 'sent' | 'failed' };

export class Csat {
  readonly store = createStore<{ csat: CsatState | null }>({ csat: null });

  constructor(private readonly client: ChatClient) {}

  /** Asks for a rating whenever an agent closes the conversation; answers the function that stops. */
  start(): () => void {
    return this.client.on('closed', (conversationId) => this.store.set({ csat: { conversationId, status: 'asking' } }));
  }

  /** The visitor's rating of the closed conversation (1–5, with an optional comment). */
  async rate(rating: number, comment: string): Promise<void> {
    const csat = this.store.get().csat;
    if (!csat || csat.status === 'sending' || csat.status === 'sent') return;
    const set = (status: CsatState['status']) => this.store.set({ csat: { ...csat, status } });
    set('sending');
    try {
      await this.client.request('csat:submit', { conversationId: csat.conversationId, rating, comment: comment.trim() });
      set('sent');
    } catch (error) {
      // Already rated (another tab): as good as sent.
      set(error instanceof ChatError && error.code === 'conflict' ? 'sent' : 'failed');
    }
  }

  /** Writing again starts a new conversation: a rating asked for the closed one is dropped. */
  dismiss(): void {
    if (this.store.get().csat) this.store.set({ csat: null });
  }
}
