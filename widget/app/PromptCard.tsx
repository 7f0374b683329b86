import { takesFocus, type ViewProps } from './view-props';

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

/** The proactive message naming the visitor's likely concern, its help article, and a person on offer. */
export function PromptCard({ state, session }: ViewProps) {
  const { t, prompt } = state;
  const article = prompt?.article;
  return (
    <div class="message">
      {prompt && (
        <>
          {state.site && <span class="message__author">{state.site.name}</span>}
          <p class="message__text">{prompt.message || t(`prompt.${prompt.concern}`)}</p>
          {article && (
            <div class="card" dir="auto">
              <strong>{article.title}</strong>
              <span>{article.excerpt}</span>
              <button type="button" class="link-button back" onClick={() => void session.openArticle(article.id)}>
                {t('prompt.readArticle')}
              </button>
            </div>
          )}
        </>
      )}
      <PersonAction state={state} session={session} />
    </div>
  );
}
