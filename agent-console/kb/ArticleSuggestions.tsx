import { useContext, useEffect, useId, useState } from 'preact/hooks';
import type { KbSearchHit } from '../../shared/contract';
import { RTL_LOCALES, type KbLocaleCode } from '../../shared/kb/locales';
import { useStoredFlag } from '../lib/use-stored-flag';
import { KbConnectionContext } from './kb-context';

export interface ArticleSuggestionsProps {
  conversationId: string;
  /** The latest visitor message: suggestions refresh when it changes. */
  latestVisitorText: string | null;
  /** Puts the article's canonical excerpt and link into the reply box. */
  onInsert: (text: string) => void;
  /** Where the agent's choice to hide or show suggestions is remembered (per agent); a default key without. */
  storageKey?: string;
}

type State =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'ready'; query: string | null; locale: KbLocaleCode; results: KbSearchHit[] }
  | { phase: 'error'; message: string };

/**
 * Knowledge-base articles for the conversation's latest visitor question — the same search and
 * ranking the widget's help view uses — each insertable into the reply as excerpt + link.
 */
export function ArticleSuggestions({
  conversationId,
  latestVisitorText,
  onInsert,
  storageKey = 'console:suggestions-hidden',
}: ArticleSuggestionsProps) {
  const connection = useContext(KbConnectionContext);
  const [hidden, setHidden] = useStoredFlag(storageKey, false);
  const bodyId = useId();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [inserting, setInserting] = useState<string | null>(null);
  const [insertError, setInsertError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!connection || !latestVisitorText) {
      setState({ phase: 'idle' });
      return;
    }
    let live = true;
    setState({ phase: 'loading' });
    connection.request('kb:suggest', { conversationId, limit: 3 }).then(
      (data) => live && setState({ phase: 'ready', ...data }),
      () => live && setState({ phase: 'error', message: 'Could not load suggested articles.' }),
    );
    return () => {
      live = false;
    };
  }, [connection, conversationId, latestVisitorText, attempt]);

  const insert = async (id: string) => {
    if (!connection) return;
    setInserting(id);
    setInsertError(null);
    try {
      onInsert((await connection.request('kb:insert', { articleId: id })).text);
    } catch {
      setInsertError('Could not insert the article. It may have been unpublished.');
    } finally {
      setInserting(null);
    }
  };

  if (state.phase === 'idle') return null;
  return (
    <aside class={`kb-suggestions${hidden ? ' kb-suggestions--hidden' : ''}`} aria-label="Suggested articles">
      <h3 class="kb-suggestions__title">Suggested articles</h3>
      <div id={bodyId} class="kb-suggestions__body" hidden={hidden}>
        {state.phase === 'loading' && (
          <p class="kb-suggestions__state muted" role="status">
            Finding articles…
          </p>
        )}
        {state.phase === 'error' && (
          <p class="kb-suggestions__state" role="alert">
            {state.message}{' '}
            <button type="button" class="link-button" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </p>
        )}
        {state.phase === 'ready' && state.results.length === 0 && (
          <p class="kb-suggestions__state muted">No article matches the visitor's last message.</p>
        )}
        {state.phase === 'ready' && state.results.length > 0 && (
          <ul class="kb-suggestions__list">
            {state.results.map((hit) => (
              <li key={hit.id} class="kb-suggestions__item" dir={RTL_LOCALES.has(state.locale) ? 'rtl' : 'auto'}>
                <div class="kb-suggestions__text" title={`${hit.title} — ${hit.excerpt}`}>
                  <strong>{hit.title}</strong>
                  <span class="muted">{hit.excerpt}</span>
                </div>
                <button
                  type="button"
                  class="button button--small"
                  disabled={inserting !== null}
                  aria-label={`Insert “${hit.title}” into the reply`}
                  onClick={() => void insert(hit.id)}
                >
                  {inserting === hit.id ? 'Inserting…' : 'Insert'}
                </button>
              </li>
            ))}
          </ul>
        )}
        {insertError && (
          <p class="form-error" role="alert">
            {insertError}
          </p>
        )}
      </div>
      <button
        type="button"
        class="link-button kb-suggestions__toggle"
        aria-expanded={!hidden}
        aria-controls={bodyId}
        onClick={() => setHidden(!hidden)}
      >
        {hidden ? `Show${state.phase === 'ready' ? ` (${state.results.length})` : ''}` : 'Hide'}
      </button>
    </aside>
  );
}
