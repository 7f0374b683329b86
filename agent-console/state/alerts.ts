import type { ConversationSummary } from '../../shared/contract';
import type { PushPayload } from '../agent-socket';
import { createStore } from '../../shared/client/store';

export type WaitingAlert = PushPayload<'conversation:waiting-alert'> & { receivedAt: number };

/** `conversation:waiting-alert` toasts: one per conversation, until opened, dismissed or answered. */
export function createAlerts(now: () => number = Date.now) {
  const store = createStore<{ alerts: WaitingAlert[] }>({ alerts: [] });
  const dismiss = (conversationId: string) => {
    if (store.get().alerts.some((a) => a.conversationId === conversationId)) {
      store.set((s) => ({ alerts: s.alerts.filter((a) => a.conversationId !== conversationId) }));
    }
  };
  return {
    store,
    dismiss,
    add(alert: PushPayload<'conversation:waiting-alert'>): void {
      store.set((s) => ({
        alerts: [...s.alerts.filter((a) => a.conversationId !== alert.conversationId), { ...alert, receivedAt: now() }],
      }));
    },
    /** Drops the alert once nobody waits any more (answered or closed). */
    conversationChanged(summary: ConversationSummary): void {
      if (!summary.waitingSince || summary.status !== 'open') dismiss(summary.id);
    },
  };
}
