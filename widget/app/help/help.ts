// Help articles: the help view's search, the article being read and its vote, and the articles
// suggested while the visitor types a question.
import type { Store } from '../../../shared/client/store';
import type { KbPublicArticle, KbSearchHit } from '../../../shared/contract';
import type { LocaleCode } from '../../../shared/i18n/locales';
import type { ChatClient } from '../chat-client';

const SEARCH_DEBOUNCE_MS = 250;
/** Suggestions wait for a pause in typing and a few characters, so half words don't flicker results. */
const SUGGEST_DEBOUNCE_MS = 500;
const SUGGEST_MIN_CHARS = 4;

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

export interface HelpSlice {
  help: HelpState;
  /** Articles matching the question being typed, offered before it is sent. */
  suggestions: readonly KbSearchHit[];
}

export function createHelp(store: Store<HelpSlice>, client: ChatClient, locale: () => LocaleCode) {
  const get = () => store.get().help;
  const set = (patch: Partial<HelpState>) => store.set(({ help }) => ({ help: { ...help, ...patch } }));
  store.set({
    help: { query: '', results: null, searching: false, failed: false, articleId: null, article: null, voted: [] },
    suggestions: [],
  });
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let suggestTimer: ReturnType<typeof setTimeout> | undefined;
  /** The draft suggestions were last asked for: results for an older one are dropped. */
  let draft = '';

  return {
    /** Searches the help articles once the visitor pauses typing. */
    search(query: string): void {
      set({ query });
      clearTimeout(searchTimer);
      const trimmed = query.trim();
      if (!trimmed) {
        set({ results: null, searching: false, failed: false });
        return;
      }
      set({ searching: true });
      searchTimer = setTimeout(async () => {
        try {
          const { results } = await client.request('kb:search', { query: trimmed, locale: locale(), limit: 8 });
          if (get().query.trim() === trimmed) set({ results, searching: false, failed: false });
        } catch {
          set({ searching: false, failed: true });
        }
      }, SEARCH_DEBOUNCE_MS);
    },

    async open(id: string): Promise<void> {
      set({ articleId: id, article: null, failed: false });
      try {
        const article = await client.request('kb:article', { id, locale: locale() });
        if (get().articleId === id) set({ article });
      } catch {
        if (get().articleId === id) set({ failed: true });
      }
    },

    close: () => set({ articleId: null, article: null, failed: false }),

    vote(articleId: string, helpful: boolean): void {
      set({ voted: [...get().voted, articleId] });
      client.request('kb:vote', { articleId, helpful }).catch(() => {});
    },

    /** Looks for articles matching the draft once the visitor pauses on it. */
    suggestFor(text: string): void {
      clearTimeout(suggestTimer);
      const query = text.trim();
      draft = query;
      if (query.length < SUGGEST_MIN_CHARS) {
        if (store.get().suggestions.length) store.set({ suggestions: [] });
        return;
      }
      suggestTimer = setTimeout(async () => {
        try {
          const { results } = await client.request('kb:search', { query, locale: locale(), limit: 3, mode: 'suggest' });
          if (draft === query) store.set({ suggestions: results });
        } catch {
          // Suggestions are a convenience; the visitor can still send.
        }
      }, SUGGEST_DEBOUNCE_MS);
    },

    dispose(): void {
      clearTimeout(searchTimer);
      clearTimeout(suggestTimer);
    },
  };
}
