// Help articles matching the question being typed, offered before it is sent.
import { createStore, type Store } from '../../../shared/client/store';
import type { KbSearchHit } from '../../../shared/contract';
import type { LocaleCode } from '../../../shared/i18n/locales';
import type { ChatClient } from '../chat-client';

/** Suggestions wait for a pause in typing and a few characters, so half words don't flicker results. */
const SUGGEST_DEBOUNCE_MS = 500;
const SUGGEST_MIN_CHARS = 4;

export interface SuggestionsState {
  suggestions: readonly KbSearchHit[];
}

export class Suggestions {
  readonly store: Store<SuggestionsState> = createStore<SuggestionsState>({ suggestions: [] });
  /** The draft the last call was for: results for an older one are dropped. */
  #query = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: ChatClient,
    private readonly locale: () => LocaleCode,
  ) {}

  /** Looks for articles once the visitor pauses on `draft`. */
  suggestFor(draft: string): void {
    clearTimeout(this.#timer);
    const query = draft.trim();
    this.#query = query;
    if (query.length < SUGGEST_MIN_CHARS) {
      if (this.store.get().suggestions.length) this.store.set({ suggestions: [] });
      return;
    }
    this.#timer = setTimeout(async () => {
      try {
        const { results } = await this.client.request('kb:search', { query, locale: this.locale(), limit: 3, mode: 'suggest' });
        if (this.#query === query) this.store.set({ suggestions: results });
      } catch {
        // Suggestions are a convenience; the visitor can still send.
      }
    }, SUGGEST_DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
