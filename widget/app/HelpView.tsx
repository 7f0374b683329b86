import type { KbSearchHit } from '../../shared/contract';
import { focusOnce, takesFocus, type ViewProps } from './view-props';

/** "Talk to a person" and what became of the request; nothing while no agent is online (the email step asks instead). */
export function PersonAction({ state, session, articleId }: ViewProps & { articleId?: string }) {
  const { t, person } = state;
  if (!state.agentsOnline) return null;
  if (person === 'requested') {
    return (
      <p class="note" role="status" {...takesFocus()}>
        {t('person.requested')}
      </p>
    );
  }
  return (
    <p>
      {person === 'failed' && <span class="error">{t('message.notSent')} </span>}
      <button
        type="button"
        class="button button--secondary"
        disabled={person === 'requesting'}
        onClick={() => void session.requestPerson(articleId)}
      >
        {t('person.talk')}
      </button>
    </p>
  );
}

export function ArticleLinks({ hits, onOpen }: { hits: readonly KbSearchHit[]; onOpen(id: string): void }) {
  return (
    <ul class="articles">
      {hits.map((hit) => (
        <li key={hit.id}>
          <button type="button" class="card" dir="auto" onClick={() => onOpen(hit.id)}>
            <strong>{hit.title}</strong>
            <span>{hit.excerpt}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function ArticleReader({ state, session }: ViewProps) {
  const { t } = state;
  const { article, articleId, voted, failed } = state.help;
  return (
    <div class="help">
      <button type="button" class="link-button back" ref={focusOnce(state.openedByVisitor)} onClick={() => session.closeArticle()}>
        {t('help.back')}
      </button>
      {failed && (
        <p class="note" role="alert">
          {t('help.unavailable')}
        </p>
      )}
      {article && (
        <>
          <article class="article" aria-labelledby="lc-article-title" dir="auto">
            <h3 id="lc-article-title">{article.title}</h3>
            {/* Rendered from Markdown and sanitized by the server; it stays inside the shadow root. */}
            <div dangerouslySetInnerHTML={{ __html: article.html }} />
          </article>
          {/* biome-ignore lint/a11y/useSemanticElements: a labelled pair of buttons, not a form field set */}
          <div class="vote" role="group" aria-label={t('help.helpful')}>
            {voted.includes(article.id) ? (
              <p role="status" {...takesFocus()}>
                {t('help.thanks')}
              </p>
            ) : (
              <>
                <span aria-hidden="true">{t('help.helpful')}</span>
                {([true, false] as const).map((helpful) => (
                  <button
                    key={String(helpful)}
                    type="button"
                    class="button button--secondary"
                    onClick={() => session.vote(article.id, helpful)}
                  >
                    {t(helpful ? 'help.yes' : 'help.no')}
                  </button>
                ))}
              </>
            )}
          </div>
        </>
      )}
      {articleId && <PersonAction state={state} session={session} articleId={articleId} />}
    </div>
  );
}

/** Self-service: search the site's help articles and read them without leaving the widget. */
export function HelpView({ state, session }: ViewProps) {
  const { t } = state;
  if (state.help.articleId) return <ArticleReader state={state} session={session} />;
  const { query, results, searching, failed } = state.help;
  return (
    <div class="help">
      <input
        type="search"
        ref={focusOnce(state.openedByVisitor)}
        aria-label={t('help.search')}
        placeholder={t('help.placeholder')}
        value={query}
        dir="auto"
        onInput={(event) => session.searchHelp(event.currentTarget.value)}
      />
      <p class="note" aria-live="polite">
        {searching
          ? t('help.searching')
          : failed
            ? t('help.unavailable')
            : results?.length === 0
              ? t('help.noResults', { query: query.trim() })
              : ''}
      </p>
      {results && <ArticleLinks hits={results} onOpen={(id) => void session.openArticle(id)} />}
      <PersonAction state={state} session={session} />
    </div>
  );
}
