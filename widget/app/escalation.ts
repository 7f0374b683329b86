// Reaching a person: the visitor's "Talk to a person" and the server's proactive prompt. While no
// agent is online the visitor still writes; the email step (continuity.ts) takes over the promise.
import type { Store } from '../../shared/client/store';
import type { Message } from '../../shared/contract';
import type { ChatClient, ProactivePrompt } from './chat-client';

export type PersonRequest = 'idle' | 'requesting' | 'requested' | 'failed';

export interface EscalationState {
  prompt: ProactivePrompt | null;
  person: PersonRequest;
  /** Where the offer stands in the conversation: the number of messages before it; later ones follow it. */
  promptAt: number;
}

export interface EscalatedDetail {
  conversationId: string;
  source: 'proactive' | 'visitor';
  concern?: string;
  articleId?: string;
}

export interface EscalationDeps {
  client: ChatClient;
  /** A prompt arrived: the panel opens on the chat (not by the visitor), or on a phone a teaser shows. */
  showPrompt(): void;
  escalated(detail: EscalatedDetail): void;
}

/** Both the prompt and the answer to a request say whether agents are online, as `availability` pushes do. */
export function createEscalation(
  store: Store<EscalationState & { agentsOnline: boolean; messages: readonly Message[] }>,
  { client, showPrompt, escalated }: EscalationDeps,
) {
  store.set({ prompt: null, person: 'idle', promptAt: 0 });
  return {
    /** Shows the server's prompts; answers the function that stops. */
    start: () =>
      client.on('prompt', (prompt) => {
        // Shown now, or already on screen (sent again after a reconnect that came before the server
        // heard so): the server stops sending it on each connect.
        client.notify('proactive:seen', { conversationId: prompt.conversationId });
        if (store.get().prompt?.conversationId === prompt.conversationId) return;
        store.set({ prompt, agentsOnline: prompt.agentsOnline, person: 'idle', promptAt: store.get().messages.length });
        showPrompt();
        escalated({ conversationId: prompt.conversationId, source: 'proactive', concern: prompt.concern });
      }),

    /** Asks for an agent, carrying the article the visitor was reading. */
    async requestPerson(articleId?: string): Promise<void> {
      // Asked from the help view: the request's block starts here.
      store.set({ person: 'requesting', ...(!store.get().prompt && { promptAt: store.get().messages.length }) });
      try {
        const data = await client.request('escalation:request-person', articleId ? { articleId } : {});
        store.set({ person: data.agentsOnline ? 'requested' : 'idle', agentsOnline: data.agentsOnline });
        if (data.agentsOnline) escalated({ conversationId: data.conversationId, source: 'visitor', ...(articleId && { articleId }) });
      } catch {
        store.set({ person: 'failed' });
      }
    },
  };
}
