// Reaching a person: the visitor's "Talk to a person", and the server's proactive prompt.
import { createStore } from '../../shared/client/store';
import type { ChatClient, ProactivePrompt } from './chat-client';

export type PersonRequest = 'idle' | 'requesting' | 'requested' | 'failed';

export interface EscalationState {
  prompt: ProactivePrompt | null;
  person: PersonRequest;
}

export interface EscalatedDetail {
  conversationId: string;
  source: 'proactive' | 'visitor';
  concern?: string;
  articleId?: string;
}

export interface EscalationDeps {
  client: ChatClient;
  /** What the answer says about the agents. */
  setAgentsOnline(online: boolean): void;
  /** A prompt arrived: the panel opens on the chat (not by the visitor). */
  showPrompt(): void;
  escalated(detail: EscalatedDetail): void;
}

export class Escalation {
  readonly store = createStore<EscalationState>({ prompt: null, person: 'idle' });

  constructor(private readonly deps: EscalationDeps) {}

  /** Shows the server's prompts; answers the function that stops. */
  start(): () => void {
    return this.deps.client.on('prompt', (prompt) => {
      this.store.set({ prompt, person: 'idle' });
      this.deps.setAgentsOnline(prompt.agentsOnline);
      this.deps.showPrompt();
      this.deps.escalated({ conversationId: prompt.conversationId, source: 'proactive', concern: prompt.concern });
    });
  }

  /** Asks for an agent, carrying the article the visitor was reading. */
  async requestPerson(articleId?: string): Promise<void> {
    this.store.set({ person: 'requesting' });
    try {
      const data = await this.deps.client.request('escalation:request-person', articleId ? { articleId } : {});
      this.store.set({ person: data.agentsOnline ? 'requested' : 'idle' });
      this.deps.setAgentsOnline(data.agentsOnline);
      if (data.agentsOnline)
        this.deps.escalated({ conversationId: data.conversationId, source: 'visitor', ...(articleId && { articleId }) });
    } catch {
      this.store.set({ person: 'failed' });
    }
  }
}
