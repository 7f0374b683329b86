import type { TargetedKeyboardEvent } from 'preact';
import type { ChatActions, ChatState } from './chat-session';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { StatusBanner } from './StatusBanner';
import { TypingIndicator } from './TypingIndicator';

interface ChatPanelProps {
  state: ChatState;
  actions: ChatActions;
  onClose(): void;
}

export function ChatPanel({ state, actions, onClose }: ChatPanelProps) {
  const title = state.site?.name ?? 'Chat';
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') onClose();
  };

  return (
    <section class="panel" role="dialog" aria-labelledby="lc-title" onKeyDown={onKeyDown}>
      <header class="panel__header">
        <h2 id="lc-title" class="panel__title">
          {title}
        </h2>
        <button type="button" class="icon-button" aria-label="Close chat" onClick={onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round">
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </button>
      </header>
      <StatusBanner connection={state.connection} />
      <MessageList
        site={state.site}
        messages={state.messages}
        pending={state.pending}
        onRetry={(clientId) => actions.retry(clientId)}
      />
      <TypingIndicator names={state.agentsTyping} />
      <Composer
        draft={state.draft}
        disabled={state.connection.status === 'failed'}
        onDraftChange={(text) => actions.setDraft(text)}
        onSend={(text) => actions.send(text)}
        onBlur={() => actions.stopTyping()}
      />
    </section>
  );
}
