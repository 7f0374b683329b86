import type { ConversationSummary, NotificationPreferences } from '../../shared/contract';
import { createStore, type ReadableStore } from '../../shared/client/store';
import type { BrowserHooks } from '../lib/browser-hooks';
import type { ConsoleI18n } from '../lib/i18n';

/** What calls an agent's attention while the console is in the background. */
export type AttentionKind = 'conversation' | 'message' | 'offer' | 'assigned';

/**
 * What a conversation's change is worth telling the agent: it became theirs, it started (its first
 * line, unassigned or theirs), or a new line not by an agent came into a conversation assigned to
 * them (the visitor wrote, or asked for a person); else null.
 * Each message changes a summary several times; only the first change that shows it counts.
 */
export function attentionFor(before: ConversationSummary | undefined, after: ConversationSummary, userId: string): AttentionKind | null {
  if (after.status !== 'open') return null;
  const mine = after.assigneeId === userId;
  if (mine && before?.assigneeId !== userId) return 'assigned';
  const last = after.lastMessage;
  if (!last) return null;
  if (!before?.lastMessage) return mine || after.assigneeId === null ? 'conversation' : null;
  return mine && last.author !== 'agent' && last.createdAt !== before.lastMessage.createdAt ? 'message' : null;
}

export interface AttentionState {
  /** Calls the agent has not seen: counted while the tab is in the background, cleared when it is visible. */
  count: number;
  /** The conversation a clicked notification asked to show (`n` tells one click from the next). */
  focus: { conversationId: string; n: number } | null;
}

interface AttentionDeps {
  browser: BrowserHooks;
  preferences: ReadableStore<{ preferences: NotificationPreferences }>;
  i18n: ReadableStore<ConsoleI18n>;
  /** Opens a conversation (a notification was clicked). */
  open(conversationId: string): void;
}

/** The tab title's count, browser notifications and the sound, while the console's tab is in the background. */
export function createAttention({ browser, preferences, i18n, open }: AttentionDeps) {
  const store = createStore<AttentionState>({ count: 0, focus: null });
  return {
    store,
    call(kind: AttentionKind, conversation: ConversationSummary): void {
      if (browser.isVisible()) return;
      store.set((s) => ({ count: s.count + 1 }));
      const { desktop, sound } = preferences.get().preferences;
      const { t } = i18n.get();
      if (desktop) {
        browser.notify(t(`notify.${kind}`, { name: conversation.visitorName }), conversation.lastMessage?.text ?? t('notify.noText'), {
          tag: conversation.id,
          onClick: () => {
            open(conversation.id);
            store.set((s) => ({ focus: { conversationId: conversation.id, n: (s.focus?.n ?? 0) + 1 } }));
          },
        });
      }
      if (sound) browser.chime();
    },
    /** The console got focus or visibility: a visible tab has nothing unseen. */
    attended(): void {
      if (browser.isVisible() && store.get().count > 0) store.set({ count: 0 });
    },
  };
}
