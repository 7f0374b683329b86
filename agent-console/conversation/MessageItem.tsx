import type { Message } from '../../shared/contract';
import { messageTime } from '../lib/format';
import type { OutgoingMessage } from '../state/open-conversation';
import { Name } from '../ui/Name';
import { MessageText } from './MessageText';
import { MessageAttachment } from '../files/MessageAttachment';
import { ProductCardView, QuickRepliesView } from '../cards/ProductCardView';

/** A stored message. Text is rendered as text nodes and links, never parsed as HTML. */
export function MessageItem({
  message,
  visitorName,
  now,
  seen = false,
}: {
  message: Message;
  visitorName: string;
  now: number;
  seen?: boolean;
}) {
  const time = (
    <time dateTime={message.createdAt} class="message__time">
      {messageTime(message.createdAt, now)}
    </time>
  );
  if (message.author === 'system') {
    return (
      <li class="message message--system">
        <span class="message__system-text">{message.text}</span>
        {time}
      </li>
    );
  }
  const author =
    message.author === 'bot'
      ? message.answer?.mode === 'while_you_wait'
        ? 'Answer bot (shown while the visitor waits)'
        : 'Answer bot'
      : message.author === 'agent'
        ? (message.authorName ?? 'Agent')
        : (message.authorName ?? visitorName);
  return (
    <li class={`message message--${message.author}`}>
      <span class="message__meta">
        <Name class="message__author" name={author} />
        {time}
      </span>
      {message.attachment ? (
        <MessageAttachment attachment={message.attachment} />
      ) : message.card ? (
        <ProductCardView card={message.card} />
      ) : (
        <p class="message__bubble">
          {message.answer && <strong class="message__article">{message.answer.title}</strong>}
          <MessageText text={message.text} />
        </p>
      )}
      {message.quickReplies && <QuickRepliesView replies={message.quickReplies} />}
      {message.masked && <span class="message__masked muted">Card or bank details hidden before storing</span>}
      {seen && <span class="message__receipt">Seen</span>}
    </li>
  );
}

interface OutgoingItemProps {
  outgoing: OutgoingMessage;
  agentName: string;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

/** A reply not yet acknowledged: pending, or failed with its reason and a retry. */
export function OutgoingItem({ outgoing, agentName, onRetry, onDiscard }: OutgoingItemProps) {
  const failed = outgoing.state === 'failed';
  return (
    <li
      class={`message message--agent ${failed ? 'is-failed' : 'is-pending'}`}
      aria-busy={failed ? undefined : 'true'}
      data-client-id={outgoing.clientId}
    >
      <span class="message__meta">
        <Name class="message__author" name={agentName} />
        {!failed && <span class="message__status">Sending…</span>}
      </span>
      {outgoing.card ? (
        <ProductCardView card={outgoing.card} />
      ) : (
        <p class="message__bubble">
          <MessageText text={outgoing.text} />
        </p>
      )}
      {outgoing.quickReplies && <QuickRepliesView replies={outgoing.quickReplies} />}
      {failed && (
        <span class="message__error">
          <span>Not sent: {outgoing.error}</span>
          <button type="button" class="link-button" onClick={() => onRetry(outgoing.clientId)}>
            Retry
          </button>
          <button type="button" class="link-button" onClick={() => onDiscard(outgoing.clientId)}>
            Discard
          </button>
        </span>
      )}
    </li>
  );
}
