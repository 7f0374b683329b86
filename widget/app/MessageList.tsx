import type { ComponentChildren, TargetedEvent } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Message, SitePublicInfo } from '../../shared/contract';
import type { PendingMessage } from './chat-session';

/** Within this many pixels of the bottom the list follows new messages. */
const STICK_PX = 48;
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

interface MessageListProps {
  site: SitePublicInfo | null;
  messages: readonly Message[];
  pending: readonly PendingMessage[];
  onRetry(clientId: string): void;
}

interface BubbleProps {
  mine: boolean;
  author?: string | null;
  text: string;
  children?: ComponentChildren;
}

function Bubble({ mine, author, text, children }: BubbleProps) {
  return (
    <div class={mine ? 'message message--mine' : 'message'}>
      {mine ? <span class="sr-only">You:</span> : author && <span class="message__author">{author}</span>}
      <p class="message__text">{text}</p>
      {children && <div class="message__meta">{children}</div>}
    </div>
  );
}

function SentMessage({ message, showAuthor }: { message: Message; showAuthor: boolean }) {
  if (message.author === 'system') return <p class="system-note">{message.text}</p>;
  return (
    <Bubble
      mine={message.author === 'visitor'}
      author={showAuthor ? (message.authorName ?? 'Support') : null}
      text={message.text}
    >
      <time dateTime={message.createdAt}>{timeFormat.format(new Date(message.createdAt))}</time>
    </Bubble>
  );
}

function PendingBubble({ entry, onRetry }: { entry: PendingMessage; onRetry(clientId: string): void }) {
  return (
    <Bubble mine text={entry.text}>
      {entry.failed ? (
        <span class="message__error">
          Not sent.{' '}
          <button type="button" class="link-button" onClick={() => onRetry(entry.clientId)}>
            Retry
          </button>
        </span>
      ) : (
        'Sending…'
      )}
    </Bubble>
  );
}

export function MessageList({ site, messages, pending, onRetry }: MessageListProps) {
  const log = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const pendingCount = useRef(pending.length);

  useLayoutEffect(() => {
    const el = log.current;
    // Jump down for new messages unless the visitor scrolled up to read; always after they send.
    if (el && (following.current || pending.length > pendingCount.current)) el.scrollTop = el.scrollHeight;
    pendingCount.current = pending.length;
  }, [messages, pending]);

  const onScroll = (event: TargetedEvent<HTMLDivElement>) => {
    const el = event.currentTarget;
    following.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
  };

  return (
    <div ref={log} class="log" role="log" aria-live="polite" aria-label="Conversation" onScroll={onScroll}>
      {site && <Bubble mine={false} author={site.name} text={site.greeting} />}
      {messages.map((message, index) => {
        const previous = messages[index - 1];
        const showAuthor = previous?.author !== message.author || previous.authorName !== message.authorName;
        return <SentMessage key={message.id} message={message} showAuthor={showAuthor} />;
      })}
      {pending.map((entry) => (
        <PendingBubble key={entry.clientId} entry={entry} onRetry={onRetry} />
      ))}
    </div>
  );
}
