// Help articles: the help view's search, the article being read and its vote, and the articles
// suggested while the visitor types a question.
import type { Store } from '../../../shared/client/store';
import type { KbPublicArticle, KbSearchHit } from '../../../shared/contract';
import type { LocaleCode } from '../../../shared/i18n/locales';
import type { ChatClient, Payload } from '../chat-client';

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

/** `kb:search` once typing pauses: a new call cancels the one still waiting; `use` gets the hits, or null when the search failed. */
function searchAfterPause(client: ChatClient, delayMs: number, payload: (query: string) => Payload<'kb:search'>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => clearTimeout(timer);
  return {
    cancel,
    run(query: string, use: (results: readonly KbSearchHit[] | null) => void): void {
      cancel();
      timer = setTimeout(async () => {
        let results: readonly KbSearchHit[] | null = null;
        try {
          ({ results } = await client.request('kb:search', payload(query)));
        } catch {
          // Reported as null: the help view says so, suggestions stay as they are.
        }
        use(results);
      }, delayMs);
    },
  };
}

export function createHelp(store: Store<HelpSlice>, client: ChatClient, locale: () => LocaleCode) {
  const get = () => store.get().help;
  const set = (patch: Partial<HelpState>) => store.set(({ help }) => ({ help: { ...help, ...patch } }));
  store.set({
    help: { query: '', results: null, searching: false, failed: false, articleId: null, article: null, voted: [] },
    suggestions: [],
  });
  const search = searchAfterPause(client, SEARCH_DEBOUNCE_MS, (query) => ({ query, locale: locale(), limit: 8 }));
  const suggest = searchAfterPause(client, SUGGEST_DEBOUNCE_MS, (query) => ({ query, locale: locale(), limit: 3, mode: 'suggest' }));
  /** The draft suggestions were last asked for: results for an older one are dropped. */
  let draft = '';

  return {
    /** Searches the help articles once the visitor pauses typing. */
    search(query: string): void {
      set({ query });
      const trimmed = query.trim();
      if (!trimmed) {
        search.cancel();
        set({ results: null, searching: false, failed: false });
        return;
      }
      set({ searching: true });
      search.run(trimmed, (results) => {
        if (!results) set({ searching: false, failed: true });
        else if (get().query.trim() === trimmed) set({ results, searching: false, failed: false });
      });
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
      const query = text.trim();
      draft = query;
      if (query.length < SUGGEST_MIN_CHARS) {
        suggest.cancel();
        if (store.get().suggestions.length) store.set({ suggestions: [] });
        return;
      }
      suggest.run(query, (results) => {
        if (results && draft === query) store.set({ suggestions: results });
      });
    },

    dispose(): void {
      search.cancel();
      suggest.cancel();
    },
  };
}
