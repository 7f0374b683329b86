// Reaching a person: the visitor's "Talk to a person", the server's proactive prompt, and the form
// that takes the question for later while no agent is online.
import type { Store } from '../../shared/client/store';
import type { Message } from '../../shared/contract';
import type { ChatClient, Payload, ProactivePrompt } from './chat-client';

export type PersonRequest = 'idle' | 'requesting' | 'requested' | 'failed';
export type OfflineFormInput = Payload<'offline:submit'>;
export type OfflineFormState =
  | { status: 'editing' | 'sending' }
  | { status: 'sent'; name: string; email: string }
  | { status: 'failed'; message: string };

export interface EscalationState {
  prompt: ProactivePrompt | null;
  person: PersonRequest;
  offlineForm: OfflineFormState;
}

export interface EscalatedDetail {
  conversationId: string;
  source: 'proactive' | 'visitor';
  concern?: string;
  articleId?: string;
}

export interface EscalationDeps {
  client: ChatClient;
  /** A prompt arrived: the panel opens on the chat (not by the visitor). */
  showPrompt(): void;
  escalated(detail: EscalatedDetail): void;
}

/** The offline form replaces the composer while no agent is online, unless an agent already answered here. */
export function showsOfflineForm(state: { agentsOnline: boolean; messages: readonly Message[] }): boolean {
  return !state.agentsOnline && !state.messages.some((message) => message.author === 'agent');
}

/** Both the prompt and the answer to a request say whether agents are online, as `availability` pushes do. */
export function createEscalation(
  store: Store<EscalationState & { agentsOnline: boolean }>,
  { client, showPrompt, escalated }: EscalationDeps,
) {
  const setForm = (offlineForm: OfflineFormState) => store.set({ offlineForm });
  store.set({ prompt: null, person: 'idle', offlineForm: { status: 'editing' } });
  return {
    /** Shows the server's prompts; answers the function that stops. */
    start: () =>
      client.on('prompt', (prompt) => {
        store.set({ prompt, agentsOnline: prompt.agentsOnline, person: 'idle' });
        showPrompt();
        escalated({ conversationId: prompt.conversationId, source: 'proactive', concern: prompt.concern });
      }),

    /** Asks for an agent, carrying the article the visitor was reading. */
    async requestPerson(articleId?: string): Promise<void> {
      store.set({ person: 'requesting' });
      try {
        const data = await client.request('escalation:request-person', articleId ? { articleId } : {});
        store.set({ person: data.agentsOnline ? 'requested' : 'idle', agentsOnline: data.agentsOnline });
        if (data.agentsOnline) escalated({ conversationId: data.conversationId, source: 'visitor', ...(articleId && { articleId }) });
      } catch {
        store.set({ person: 'failed' });
      }
    },

    async submitOffline(form: OfflineFormInput): Promise<void> {
      setForm({ status: 'sending' });
      try {
        await client.request('offline:submit', form);
        setForm({ status: 'sent', name: form.name.trim(), email: form.email.trim() });
      } catch (error) {
        setForm({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
  };
}
