import { Composer } from './Composer';
import { ArticleLinks } from './HelpView';
import { MessageList } from './MessageList';
import { showsOfflineForm } from './escalation';
import { OfflineForm } from './OfflineForm';
import { TypingIndicator } from './TypingIndicator';
import type { ViewProps } from './view-props';

export function ChatView({ state, session }: ViewProps) {
  const offline = showsOfflineForm(state);
  return (
    <>
      <MessageList state={state} session={session} />
      <TypingIndicator state={state} />
      {!offline && state.suggestions.length > 0 && (
        <div class="suggestions">
          <p>{state.t('help.suggestions')}</p>
          <ArticleLinks hits={state.suggestions} onOpen={(id) => void session.openArticle(id)} />
        </div>
      )}
      {offline ? <OfflineForm state={state} session={session} /> : <Composer state={state} session={session} />}
    </>
  );
}
