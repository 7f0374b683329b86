import type { VisitorConversation } from '../../shared/contract';
import { CLOSE_REASONS } from '../lib/close-reasons';
import { messageTime, relativeTime } from '../lib/format';
import { Name } from '../ui/Name';

export interface ConversationHistoryProps {
  /** Null while they load. */
  conversations: VisitorConversation[] | null;
  /** The conversation open beside the panel: not listed. */
  openId: string | null;
  now: number;
  onOpen: (conversationId: string) => void;
}

/** The visitor's other conversations, newest first; one opens in the console on a click. */
export function ConversationHistory({ conversations, openId, now, onOpen }: ConversationHistoryProps) {
  if (!conversations) {
    return (
      <p class="muted" role="status">
        Loading conversations…
      </p>
    );
  }
  const earlier = conversations.filter((c) => c.id !== openId);
  if (earlier.length === 0) return <p class="muted">No earlier conversations.</p>;
  return (
    <ul class="visitor-panel__list" aria-label="Earlier conversations, latest first">
      {earlier.map((conversation) => (
        <li key={conversation.id}>
          <PastConversation conversation={conversation} now={now} onOpen={onOpen} />
        </li>
      ))}
    </ul>
  );
}

function PastConversation({ conversation, now, onOpen }: { conversation: VisitorConversation; now: number; onOpen: (id: string) => void }) {
  const { status, closeReason, lastMessage, csatRating, agentName, startedAt } = conversation;
  const reason = CLOSE_REASONS.find((r) => r.id === closeReason)?.label;
  const preview = !lastMessage ? 'No messages' : lastMessage.author === 'agent' ? `Agent: ${lastMessage.text}` : lastMessage.text;
  return (
    <button type="button" class="past-conversation" onClick={() => onOpen(conversation.id)}>
      <span class="visitor-panel__row">
        <span class="visitor-panel__meta">
          <span class={status === 'open' ? 'badge badge--success' : 'badge'}>{status === 'open' ? 'Open' : 'Closed'}</span>
          {reason && <span class="past-conversation__reason">{reason}</span>}
        </span>
        <time class="visitor-panel__when" dateTime={startedAt} title={`Started ${messageTime(startedAt, now)}`}>
          {relativeTime(startedAt, now)}
        </time>
      </span>
      <span class="past-conversation__preview">{preview}</span>
      {(agentName || csatRating !== null) && (
        <span class="visitor-panel__meta past-conversation__facts">
          {agentName && <Name name={agentName} />}
          {csatRating !== null && <span class="badge">Rated {csatRating}/5</span>}
        </span>
      )}
    </button>
  );
}
