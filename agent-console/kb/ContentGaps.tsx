import { useEffect, useState } from 'preact/hooks';
import type { KbArticle, KbGapGroup } from '../../shared/contract';
import type { KbApi } from '../api/kb-api';
import { describeFailure } from '../lib/describe-failure';
import { relativeTime } from '../lib/format';
import { LOCALE_NAMES } from './labels';

interface ContentGapsProps {
  api: KbApi;
  /** "Create article from these" made a draft: the editor opens it. */
  onCreated: (article: KbArticle) => void;
}

type State = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; days: number; groups: KbGapGroup[] };

const questions = (n: number) => `${n} ${n === 1 ? 'question' : 'questions'}`;

/**
 * What visitors asked that no article answered confidently, grouped by the words the questions
 * share: editors start a draft article from a group, or dismiss it once handled. Either takes the
 * group's questions off the list.
 */
export function ContentGaps({ api, onCreated }: ContentGapsProps) {
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [reload, setReload] = useState(0);
  const [busy, setBusy] = useState<{ key: string; action: 'create' | 'dismiss' } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setState({ phase: 'loading' });
    api.gaps().then(
      ({ days, groups }) => live && setState({ phase: 'ready', days, groups }),
      (failure: unknown) => live && setState({ phase: 'error', message: describeFailure(failure) }),
    );
    return () => {
      live = false;
    };
  }, [api, reload]);

  const handle = async (group: KbGapGroup, action: 'create' | 'dismiss') => {
    setBusy({ key: group.key, action });
    setError(null);
    try {
      const article = action === 'create' ? await api.articleFromGaps(group.questionIds) : null;
      if (action === 'dismiss') await api.dismissGaps(group.questionIds);
      setState((current) =>
        current.phase === 'ready' ? { ...current, groups: current.groups.filter((g) => g.key !== group.key) } : current,
      );
      if (article) onCreated(article);
    } catch (failure) {
      setError(describeFailure(failure));
    } finally {
      setBusy(null);
    }
  };

  const now = Date.now();
  return (
    <section class="kb-history kb-gaps" aria-labelledby="kb-gaps-title">
      <h3 id="kb-gaps-title" class="kb-history__title">
        Content gaps
      </h3>
      <p class="muted kb-gaps__intro">Questions visitors asked that no article answered confidently, grouped by the words they share.</p>
      {state.phase === 'loading' && (
        <p class="muted" role="status">
          Loading content gaps…
        </p>
      )}
      {state.phase === 'error' && (
        <div role="alert">
          <p>{state.message}</p>
          <button type="button" class="button button--small" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {state.phase === 'ready' && state.groups.length === 0 && <p class="muted">No unanswered questions in the last {state.days} days.</p>}
      {state.phase === 'ready' && state.groups.length > 0 && (
        <ul class="kb-history__list">
          {state.groups.map((group) => (
            <li key={group.key} class="kb-gaps__group" data-testid="kb-gap">
              <div class="kb-gaps__head">
                <strong class="kb-gaps__label" dir="auto">
                  {group.label}
                </strong>
                <span class="kb-gaps__count">{questions(group.count)}</span>
              </div>
              <div class="muted">
                {LOCALE_NAMES[group.locale]} · last asked {relativeTime(group.lastAt, now)}
              </div>
              <ul class="kb-gaps__samples">
                {group.samples.map((sample) => (
                  <li key={sample.at + sample.text} dir="auto">
                    {sample.text}
                  </li>
                ))}
              </ul>
              <div class="kb-gaps__actions">
                <button
                  type="button"
                  class="button button--primary button--small"
                  disabled={busy !== null}
                  aria-label={`Create article from these: ${group.label}`}
                  onClick={() => void handle(group, 'create')}
                >
                  {busy?.key === group.key && busy.action === 'create' ? 'Creating…' : 'Create article from these'}
                </button>
                <button
                  type="button"
                  class="button button--ghost button--small"
                  disabled={busy !== null}
                  aria-label={`Dismiss: ${group.label}`}
                  onClick={() => void handle(group, 'dismiss')}
                >
                  {busy?.key === group.key && busy.action === 'dismiss' ? 'Dismissing…' : 'Dismiss'}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
