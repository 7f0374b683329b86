import { AgentRequestError } from '../agent-socket';
import { describeFailure } from '../lib/describe-failure';
import { createStore } from '../../shared/client/store';

export interface AgentActionsState {
  /** An action is under way: the buttons that start one wait for it. */
  busy: boolean;
  /** The last action that failed, to show beside the conversation. */
  error: string | null;
}

export type AgentActions = ReturnType<typeof createAgentActions>;

/** The agent's actions one at a time (take, transfer, close, notes, availability): busy while one runs, and its failure. */
export function createAgentActions() {
  const store = createStore<AgentActionsState>({ busy: false, error: null });
  return {
    store,
    /** Runs the action; resolves false (with the error shown) when it failed. */
    async run(work: () => Promise<unknown>): Promise<boolean> {
      store.set({ busy: true, error: null });
      try {
        await work();
        store.set({ busy: false });
        return true;
      } catch (error) {
        store.set({ busy: false, error: describeAction(error) });
        return false;
      }
    },
    dismissError(): void {
      store.set({ error: null });
    },
  };
}

function describeAction(error: unknown): string {
  if (error instanceof AgentRequestError && error.code === 'conflict') return error.message || 'Someone else got there first.';
  if (error instanceof AgentRequestError && error.code === 'disconnected') return 'Not connected. Try again when the connection is back.';
  return describeFailure(error);
}
