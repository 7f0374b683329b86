import { PersonAction } from './HelpView';
import type { ViewProps } from './view-props';

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
