import { PersonAction } from './HelpView';
import type { ReadyState, ViewProps } from './view-props';

/** The prompt's words: the site's own text for the visitor's language, else the built-in one for the concern. */
export const promptText = ({ t, prompt }: ReadyState): string => (prompt ? prompt.message || t(`prompt.${prompt.concern}`) : '');

/** The proactive message naming the visitor's likely concern, its help article, and a person on offer until one answers. */
export function PromptCard({ state, session }: ViewProps) {
  const { t, prompt } = state;
  const article = prompt?.article;
  // A person answered since the offer: neither "Talk to a person" nor the promise of one shows any more.
  const answered = state.messages.slice(state.promptAt).some((message) => message.author === 'agent');
  if (!prompt && answered) return null;
  return (
    <div class="message">
      {prompt && (
        <>
          {state.site && <span class="message__author">{state.site.name}</span>}
          <p class="message__text">{promptText(state)}</p>
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
      {!answered && <PersonAction state={state} session={session} />}
    </div>
  );
}
