import type { ConversationSummary } from '../../shared/contract';
import type { WaitingAlert } from '../state/console-store';
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
}

export function Inbox(props: InboxProps) {
  const { status, error, conversations, selectedId, alerts, now, onSelect, onDismissAlert, onRetry } = props;
  const alerted = new Set(alerts.map((a) => a.conversationId));
  const waiting = conversations.filter((c) => c.waitingSince).length;
  return (
    <section class="inbox" aria-labelledby="inbox-title">
      <div class="inbox__header">
        <h2 id="inbox-title" class="inbox__title">
          Open conversations
        </h2>
        {status === 'ready' && (
          <span class="inbox__counts">
            {conversations.length}
            {waiting > 0 && <span class="badge badge--warning">{waiting} waiting</span>}
          </span>
        )}
      </div>
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
          <p class="inbox__empty-title">No open conversations</p>
          <p class="muted">New chats from visitors will show up here.</p>
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
