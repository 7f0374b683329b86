import type { ComponentChildren } from 'preact';
import type { ConversationSummary } from '../../shared/contract';
import type { WaitingAlert } from '../state/alerts';
import { InboxItem } from './InboxItem';
import { WaitingAlerts } from './WaitingAlerts';

export interface InboxProps {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  conversations: ConversationSummary[];
  selectedId: string | null;
  alerts: WaitingAlert[];
  now: number;
  onSelect: (conversationId: string) => void;
  onDismissAlert: (conversationId: string) => void;
  onRetry: () => void;
  /** The list's heading (the view it shows); "Open conversations" by default. */
  title?: string;
  /** Views and search, above the list. */
  toolbar?: ComponentChildren;
  empty?: { title: string; text: string };
}

export function Inbox(props: InboxProps) {
  const { status, error, conversations, selectedId, alerts, now, onSelect, onDismissAlert, onRetry } = props;
  const {
    title = 'Open conversations',
    toolbar,
    empty = { title: 'No open conversations', text: 'New chats from visitors will show up here.' },
  } = props;
  const alerted = new Set(alerts.map((a) => a.conversationId));
  const waiting = conversations.filter((c) => c.waitingSince).length;
  return (
    <section class="inbox" aria-labelledby="inbox-title">
      <div class="inbox__header">
        <h2 id="inbox-title" class="inbox__title">
          {title}
        </h2>
        {status === 'ready' && (
          <span class="inbox__counts">
            {conversations.length}
            {waiting > 0 && <span class="badge badge--warning">{waiting} waiting</span>}
          </span>
        )}
      </div>
      {toolbar}
      <WaitingAlerts alerts={alerts} onOpen={onSelect} onDismiss={onDismissAlert} />
      {status === 'loading' && conversations.length === 0 && (
        <p class="inbox__state" role="status">
          Loading conversations…
        </p>
      )}
      {status === 'error' && (
        <div class="inbox__state inbox__state--error" role="alert">
          <p>{error ?? 'Could not load conversations.'}</p>
          <button type="button" class="button button--small" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
      {status === 'ready' && conversations.length === 0 && (
        <div class="inbox__state">
          <p class="inbox__empty-title">{empty.title}</p>
          <p class="muted">{empty.text}</p>
        </div>
      )}
      {conversations.length > 0 && (
        <ul class="inbox__list" aria-label="Conversations">
          {conversations.map((conversation) => (
            <InboxItem
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selectedId}
              alerted={alerted.has(conversation.id)}
              now={now}
              onSelect={onSelect}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
