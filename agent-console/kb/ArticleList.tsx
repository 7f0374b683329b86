import type { KbArticleSummary, KbLocale } from '../../shared/contract';
import { KB_LOCALES } from '../../shared/kb/locales';
import { LOCALE_NAMES, statusLabel } from './labels';

export type ListFilter = { locale: KbLocale | ''; status: 'draft' | 'published' | '' };

interface ArticleListProps {
  state: { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; articles: KbArticleSummary[] };
  filter: ListFilter;
  selectedId: string | null;
  onFilter: (filter: ListFilter) => void;
  onSelect: (id: string) => void;
  onCreate: () => void;
  onRetry: () => void;
}

export function ArticleList({ state, filter, selectedId, onFilter, onSelect, onCreate, onRetry }: ArticleListProps) {
  return (
    <section class="kb-list" aria-labelledby="kb-list-title">
      <header class="kb-list__header">
        <h2 id="kb-list-title" class="kb-list__title">
          Articles
        </h2>
        <button type="button" class="button button--primary button--small" onClick={onCreate}>
          New article
        </button>
      </header>
      <div class="kb-list__filters">
        <label class="visually-hidden" for="kb-filter-locale">
          Language
        </label>
        <select
          id="kb-filter-locale"
          class="input"
          value={filter.locale}
          onChange={(e) => onFilter({ ...filter, locale: e.currentTarget.value as ListFilter['locale'] })}
        >
          <option value="">All languages</option>
          {KB_LOCALES.map((locale) => (
            <option key={locale} value={locale}>
              {LOCALE_NAMES[locale]}
            </option>
          ))}
        </select>
        <label class="visually-hidden" for="kb-filter-status">
          Status
        </label>
        <select
          id="kb-filter-status"
          class="input"
          value={filter.status}
          onChange={(e) => onFilter({ ...filter, status: e.currentTarget.value as ListFilter['status'] })}
        >
          <option value="">Any status</option>
          <option value="published">Published</option>
          <option value="draft">Drafts</option>
        </select>
      </div>
      {state.phase === 'loading' && (
        <p class="kb-list__state muted" role="status">
          Loading articles…
        </p>
      )}
      {state.phase === 'error' && (
        <div class="kb-list__state" role="alert">
          <p>{state.message}</p>
          <button type="button" class="button button--small" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
      {state.phase === 'ready' && state.articles.length === 0 && (
        <p class="kb-list__state muted">No articles here yet. Create the first one.</p>
      )}
      {state.phase === 'ready' && state.articles.length > 0 && (
        <ul class="kb-list__items">
          {state.articles.map((article) => (
            <li key={article.id}>
              <button
                type="button"
                class={`kb-list__item${article.id === selectedId ? ' is-selected' : ''}`}
                aria-current={article.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(article.id)}
              >
                <span class="kb-list__item-title" dir="auto">
                  {article.title}
                </span>
                <span class="kb-list__item-meta">
                  <span class="badge">{article.locale}</span>
                  <span class={`badge${article.status === 'draft' || article.hasUnpublishedChanges ? ' badge--warning' : ''}`}>
                    {statusLabel(article)}
                  </span>
                  <span class="muted">{article.category}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
