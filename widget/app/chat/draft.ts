// The visitor's draft: kept across reloads, and reported to agents as typing.
import { createStore, type Store } from '../../../shared/client/store';
import { createTypingThrottle, type TypingThrottle } from '../../../shared/client/typing-throttle';
import type { ChatClient } from '../chat-client';
import type { SiteStore } from '../site-store';

/** `typing: true` is re-sent this often while the visitor types, and `false` follows this long after the last key. */
const TYPING_REFRESH_MS = 3000;
const TYPING_IDLE_MS = 5000;

export interface DraftState {
  draft: string;
}

export class Draft {
  readonly store: Store<DraftState>;
  readonly #siteStore: SiteStore;
  readonly #typing: TypingThrottle<void>;

  constructor(client: ChatClient, siteStore: SiteStore) {
    this.#siteStore = siteStore;
    this.#typing = createTypingThrottle({
      report: (typing) => client.notify('typing:set', { typing }),
      refreshMs: TYPING_REFRESH_MS,
      idleMs: TYPING_IDLE_MS,
    });
    this.store = createStore<DraftState>({ draft: siteStore.read('draft') ?? '' });
  }

  setDraft(text: string): void {
    this.#siteStore.write('draft', text || null);
    this.store.set({ draft: text });
    if (text.trim()) this.#typing.input();
    else this.#typing.stop();
  }

  /** The visitor left the field or closed the panel. */
  stopTyping(): void {
    this.#typing.stop();
  }
}
