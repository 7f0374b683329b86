import { useCallback, useEffect, useState } from 'preact/hooks';
import type { KbArticle, KbArticleSummary, User } from '../../shared/contract';
import { ArticleForm, type NewArticle } from './ArticleForm';
import { ArticleList, type ListFilter } from './ArticleList';
import { ContentGaps } from './ContentGaps';
import { describeFailure } from '../lib/describe-failure';
import type { KbApi } from '../api/kb-api';

type ListState = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; articles: KbArticleSummary[] };
type Selection =
  | { phase: 'none' }
  | { phase: 'loading'; id: string }
  | { phase: 'error'; id: string; message: string }
  | { phase: 'open'; target: KbArticle | NewArticle; key: string };

/** The knowledge-base editor in the console: editors and admins publish, agents propose drafts. */
export function KbEditor({ api, user }: { api: KbApi; user: User }) {
  const canPublish = user.role === 'admin' || user.role === 'editor';
  const [filter, setFilter] = useState<ListFilter>({ locale: '', status: '' });
  const [list, setList] = useState<ListState>({ phase: 'loading' });
  const [selection, setSelection] = useState<Selection>({ phase: 'none' });
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setList({ phase: 'loading' });
    api.list({ ...(filter.locale ? { locale: filter.locale } : {}), ...(filter.status ? { status: filter.status } : {}) }).then(
      (articles) => live && setList({ phase: 'ready', articles }),
      (error: unknown) => live && setList({ phase: 'error', message: describeFailure(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, filter, reload]);

  const open = useCallback(
    (id: string) => {
      setSelection({ phase: 'loading', id });
      api.get(id).then(
        (article) => setSelection({ phase: 'open', target: article, key: article.id }),
        (error: unknown) => setSelection({ phase: 'error', id, message: describeFailure(error) }),
      );
    },
    [api],
  );

  const saved = (article: KbArticle) => {
    // Same key: the form stays mounted (with its notice) when a new article gets its id.
    setSelection((s) => ({ phase: 'open', target: article, key: s.phase === 'open' ? s.key : article.id }));
    setList((l) => (l.phase === 'ready' ? { phase: 'ready', articles: [article, ...l.articles.filter((a) => a.id !== article.id)] } : l));
  };

  const selectedId =
    selection.phase === 'loading' || selection.phase === 'error'
      ? selection.id
      : selection.phase === 'open' && 'id' in selection.target
        ? selection.target.id
        : null;
  return (
    <div class="kb-editor">
      <ArticleList
        state={list}
        filter={filter}
        selectedId={selectedId}
        onFilter={setFilter}
        onSelect={open}
        onCreate={() => setSelection({ phase: 'open', target: { locale: filter.locale || 'en' }, key: `new-${Date.now()}` })}
        onRetry={() => setReload((n) => n + 1)}
      />
      <div class="kb-editor__pane">
        {selection.phase === 'none' && (
          <div class="kb-editor__intro">
            <h2 class="empty-state__title">Knowledge base</h2>
            <p class="muted">
              Choose an article to edit it, or create a new one. Visitors, agents and the widget all read the published version.
            </p>
          </div>
        )}
        {selection.phase === 'none' && canPublish && <ContentGaps api={api} onCreated={saved} />}
        {selection.phase !== 'none' && canPublish && (
          <button
            type="button"
            class="button button--ghost button--small kb-editor__gaps-link"
            onClick={() => setSelection({ phase: 'none' })}
          >
            ← Content gaps
          </button>
        )}
        {selection.phase === 'loading' && (
          <p class="kb-editor__state muted" role="status">
            Loading the article…
          </p>
        )}
        {selection.phase === 'error' && (
          <div class="kb-editor__state" role="alert">
            <p>{selection.message}</p>
            <button type="button" class="button button--small" onClick={() => open(selection.id)}>
              Try again
            </button>
          </div>
        )}
        {selection.phase === 'open' && (
          <ArticleForm
            key={selection.key}
            api={api}
            target={selection.target}
            canPublish={canPublish}
            onSaved={saved}
            onTranslate={(article) =>
              setSelection({
                phase: 'open',
                target: { locale: article.locale === 'en' ? 'cs' : 'en', translationOf: { id: article.id, title: article.title } },
                key: `translate-${article.id}-${Date.now()}`,
              })
            }
          />
        )}
      </div>
    </div>
  );
}
