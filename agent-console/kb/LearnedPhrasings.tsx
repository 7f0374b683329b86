import { useEffect, useState } from 'preact/hooks';
import type { KbLearnedPhrasing, KbPhrasingSource } from '../../shared/contract';
import type { KbApi } from '../api/kb-api';
import { describeFailure } from '../lib/describe-failure';

interface LearnedPhrasingsProps {
  api: KbApi;
  articleId: string;
}

const SOURCE_LABELS: Record<KbPhrasingSource, string> = {
  insert: "from an agent's reply",
  helped: "from 'That helped'",
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The counts that apply, e.g. "2 agent replies · 1 'That helped' · 1 hand-off". */
function countsOf({ counts }: KbLearnedPhrasing): string {
  return [
    counts.insert > 0 && plural(counts.insert, 'agent reply', 'agent replies'),
    counts.helped > 0 && `${counts.helped} 'That helped'`,
    counts.handoff > 0 && plural(counts.handoff, 'hand-off', 'hand-offs'),
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The questions the article answered, learned from agents' replies and visitors' "That helped": each
 * with its source and counts; editors remove what the article should not have learned.
 */
export function LearnedPhrasings({ api, articleId }: LearnedPhrasingsProps) {
  const [state, setState] = useState<
    { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; phrasings: KbLearnedPhrasing[] }
  >({ phase: 'loading' });
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setState({ phase: 'loading' });
    setError(null);
    api.phrasings(articleId).then(
      (phrasings) => live && setState({ phase: 'ready', phrasings }),
      (failure: unknown) => live && setState({ phase: 'error', message: describeFailure(failure) }),
    );
    return () => {
      live = false;
    };
  }, [api, articleId]);

  const remove = async (key: string) => {
    setRemoving(key);
    setError(null);
    try {
      await api.removePhrasing(articleId, key);
      setState((current) =>
        current.phase === 'ready' ? { ...current, phrasings: current.phrasings.filter((p) => p.key !== key) } : current,
      );
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setRemoving(null);
    }
  };

  return (
    <section class="kb-history kb-phrasings" aria-labelledby="kb-phrasings-title">
      <h3 id="kb-phrasings-title" class="kb-history__title">
        Learned phrasings
      </h3>
      {state.phase === 'loading' && (
        <p class="muted" role="status">
          Loading learned phrasings…
        </p>
      )}
      {state.phase === 'error' && <p role="alert">{state.message}</p>}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {state.phase === 'ready' && state.phrasings.length === 0 && (
        <p class="muted">No learned phrasings yet: questions this article answered appear here.</p>
      )}
      {state.phase === 'ready' && state.phrasings.length > 0 && (
        <ul class="kb-history__list">
          {state.phrasings.map((p) => (
            <li key={p.key} class="kb-history__item" data-testid="kb-phrasing">
              <div>
                <strong class="kb-phrasings__text">{p.text}</strong>
                <div class="muted">
                  {SOURCE_LABELS[p.source]} · {countsOf(p)}
                  {!p.indexed && <span class="kb-phrasings__unsearched"> · not searched (lowered by hand-offs)</span>}
                </div>
              </div>
              <button
                type="button"
                class="button button--small"
                disabled={removing !== null}
                aria-label={`Remove "${p.text}"`}
                onClick={() => void remove(p.key)}
              >
                {removing === p.key ? 'Removing…' : 'Remove'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
