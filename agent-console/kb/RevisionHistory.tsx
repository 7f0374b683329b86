import { useEffect, useState } from 'preact/hooks';
import type { KbRevision } from '../../shared/contract';
import { ACTION_LABELS } from './labels';
import { describeFailure } from '../lib/describe-failure';
import type { KbApi } from '../api/kb-api';
import { Name } from '../ui/Name';

interface RevisionHistoryProps {
  api: KbApi;
  articleId: string;
  /** The article's latest revision number: the history reloads when it changes. */
  revision: number;
  canRestore: boolean;
  onRestore: (revision: number) => Promise<void>;
}

/** Who changed what and when; any earlier content can be brought back into the working copy. */
export function RevisionHistory({ api, articleId, revision, canRestore, onRestore }: RevisionHistoryProps) {
  const [state, setState] = useState<
    { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; revisions: KbRevision[] }
  >({ phase: 'loading' });
  const [restoring, setRestoring] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    setState({ phase: 'loading' });
    api.revisions(articleId).then(
      (revisions) => live && setState({ phase: 'ready', revisions }),
      (error: unknown) => live && setState({ phase: 'error', message: describeFailure(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, articleId, revision]);

  const restore = async (number: number) => {
    setRestoring(number);
    try {
      await onRestore(number);
    } finally {
      setRestoring(null);
    }
  };

  return (
    <section class="kb-history" aria-labelledby="kb-history-title">
      <h3 id="kb-history-title" class="kb-history__title">
        History
      </h3>
      {state.phase === 'loading' && (
        <p class="muted" role="status">
          Loading history…
        </p>
      )}
      {state.phase === 'error' && <p role="alert">{state.message}</p>}
      {state.phase === 'ready' && (
        <ol class="kb-history__list">
          {state.revisions.map((r) => (
            <li key={r.id} class="kb-history__item">
              <div>
                <strong>
                  #{r.number} {ACTION_LABELS[r.action]}
                </strong>
                {r.restoredFrom !== null && <span> from #{r.restoredFrom}</span>}
                {r.changed.length > 0 && <span class="muted"> · {r.changed.join(', ')}</span>}
                <div class="muted">
                  <Name name={r.author.name} /> · <time dateTime={r.createdAt}>{new Date(r.createdAt).toLocaleString()}</time>
                </div>
              </div>
              {canRestore && r.number !== revision && (
                <button type="button" class="button button--small" disabled={restoring !== null} onClick={() => void restore(r.number)}>
                  {restoring === r.number ? 'Restoring…' : `Restore #${r.number}`}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
