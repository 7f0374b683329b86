import { Composer } from './Composer';
import { ArticleLinks } from './HelpView';
import { lazy } from './lazy';
import type { ReadyState } from './view-props';
import { MessageList } from './MessageList';
import { TypingIndicator } from './TypingIndicator';
import type { ViewProps } from './view-props';

const EmailStep = lazy(() => import('./continuity/EmailStep').then((m) => m.EmailStep));

/** "Back at 09:00" (the site's time zone) or "usually replies in about N minutes", in the visitor's language. */
function expectationText({ t, locale, expectation: e }: ReadyState): string {
  if (!e) return '';
  if (e.kind === 'minutes') return t('expect.minutes', { minutes: e.minutes });
  const at = new Date(e.at);
  const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: e.timezone }).format(at);
  const time = format({ hour: '2-digit', minute: '2-digit' });
  return e.sameDay ? t('expect.back', { time }) : t('expect.backOn', { day: format({ weekday: 'long' }), time });
}

export function ChatView({ state, session }: ViewProps) {
  return (
    <>
      <MessageList state={state} session={session} />
      <TypingIndicator state={state} />
      {state.suggestions.length > 0 && (
        <div class="suggestions">
          <p>{state.t('help.suggestions')}</p>
          <ArticleLinks hits={state.suggestions} onOpen={(id) => void session.openArticle(id)} />
        </div>
      )}
      {state.expectation && <p class="note expect">{expectationText(state)}</p>}
      {state.emailStep !== 'hidden' && <EmailStep state={state} session={session} />}
      <Composer state={state} session={session} />
    </>
  );
}
