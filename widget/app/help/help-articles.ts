// The help view: searching the help articles, reading one, voting on it.
import { createStore, type Store } from '../../../shared/client/store';
import type { KbPublicArticle, KbSearchHit } from '../../../shared/contract';
import type { LocaleCode } from '../../../shared/i18n/locales';
import type { ChatClient } from '../chat-client';

const SEARCH_DEBOUNCE_MS = 250;

export interface HelpState {
  query: string;
  /** Hits for `query`; null before the first search. */
  results: readonly KbSearchHit[] | null;
  searching: boolean;
  failed: boolean;
  /** The article being read (loading while `article` is still null). */
  articleId: string | null;
  article: KbPublicArticle | null;
  /** Articles the visitor voted on in this tab. */
  voted: readonly string[];
}

export class HelpArticles {
  readonly store: Store<HelpState> = createStore<HelpState>({
    query: '',
    results: null,
    searching: false,
    failed: false,
    articleId: null,
    article: null,
    voted: [],
  });
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: ChatClient,
    private readonly locale: () => LocaleCode,
  ) {}

  /** Searches the help articles once the visitor pauses typing. */
  search(query: string): void {
    const set = this.store.set;
    set({ query });
    clearTimeout(this.#searchTimer);
    const trimmed = query.trim();
    if (!trimmed) return set({ results: null, searching: false, failed: false });
    set({ searching: true });
    this.#searchTimer = setTimeout(async () => {
      try {
        const { results } = await this.client.request('kb:search', { query: trimmed, locale: this.locale(), limit: 8 });
        if (this.store.get().query.trim() === trimmed) set({ results, searching: false, failed: false });
      } catch {
        set({ searching: false, failed: true });
      }
    }, SEARCH_DEBOUNCE_MS);
  }

  async open(id: string): Promise<void> {
    const set = this.store.set;
    set({ articleId: id, article: null, failed: false });
    try {
      const article = await this.client.request('kb:article', { id, locale: this.locale() });
      if (this.store.get().articleId === id) set({ article });
    } catch {
      if (this.store.get().articleId === id) set({ failed: true });
    }
  }

  close(): void {
    this.store.set({ articleId: null, article: null, failed: false });
  }

  vote(articleId: string, helpful: boolean): void {
    this.store.set(({ voted }) => ({ voted: [...voted, articleId] }));
    this.client.request('kb:vote', { articleId, helpful }).catch(() => {});
  }

  dispose(): void {
    clearTimeout(this.#searchTimer);
  }
}
