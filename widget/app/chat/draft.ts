// The visitor's draft: kept across reloads, and reported to agents as typing.
import type { Store } from '../../../shared/client/store';
import { createTypingThrottle } from '../../../shared/client/typing-throttle';
import type { ChatClient } from '../chat-client';
import type { SiteStore } from '../site-store';

/** `typing: true` is re-sent this often while the visitor types, and `false` follows this long after the last key. */
const TYPING_REFRESH_MS = 3000;
const TYPING_IDLE_MS = 5000;

export interface DraftState {
  draft: string;
}

export function createDraft(store: Store<DraftState>, client: ChatClient, siteStore: SiteStore) {
  store.set({ draft: siteStore.read('draft') ?? '' });
  const typing = createTypingThrottle({
    report: (typing) => client.notify('typing:set', { typing }),
    refreshMs: TYPING_REFRESH_MS,
    idleMs: TYPING_IDLE_MS,
  });
  return {
    set(text: string): void {
      siteStore.write('draft', text || null);
      store.set({ draft: text });
      if (text.trim()) typing.input();
      else typing.stop();
    },
    /** The visitor left the field or closed the panel. */
    stopTyping: typing.stop,
  };
}
