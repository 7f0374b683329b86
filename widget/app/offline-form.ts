// The form that replaces the composer while no agent is online.
import { createStore } from '../../shared/client/store';
import type { Message } from '../../shared/contract';
import type { ChatClient, Payload } from './chat-client';

export type OfflineFormInput = Payload<'offline:submit'>;
export type OfflineFormState =
  | { status: 'editing' | 'sending' }
  | { status: 'sent'; name: string; email: string }
  | { status: 'failed'; message: string };

/** The offline form replaces the composer while no agent is online, unless an agent already answered here. */
export function showsOfflineForm(state: { agentsOnline: boolean; messages: readonly Message[] }): boolean {
  return !state.agentsOnline && !state.messages.some((message) => message.author === 'agent');
}

export class OfflineFormSubmission {
  readonly store = createStore<{ offlineForm: OfflineFormState }>({ offlineForm: { status: 'editing' } });

  constructor(private readonly client: ChatClient) {}

  async submit(form: OfflineFormInput): Promise<void> {
    const set = (offlineForm: OfflineFormState) => this.store.set({ offlineForm });
    set({ status: 'sending' });
    try {
      await this.client.request('offline:submit', form);
      set({ status: 'sent', name: form.name.trim(), email: form.email.trim() });
    } catch (error) {
      set({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }
}
