import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Message } from '../../shared/contract';
import type { OutgoingMessage } from '../state/console-store';
import { MessageItem, OutgoingItem } from './MessageItem';

interface MessageListProps {
  conversationId: string;
  messages: Message[];
  outgoing: OutgoingMessage[];
  visitorName: string;
  agentName: string;
  now: number;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
}

const STICK_TO_BOTTOM_PX = 80;

export function MessageList(props: MessageListProps) {
  const { conversationId, messages, outgoing, visitorName, agentName, now, onRetry, onDiscard } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastConversation = useRef<string | null>(null);
  const count = messages.length + outgoing.length;
  const failed = outgoing.filter((o) => o.state === 'failed').length;

  // Follow new messages while the agent is at the bottom; jump to the end when switching.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (lastConversation.current !== conversationId || atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    lastConversation.current = conversationId;
  }, [conversationId, count, failed]);

  const onScroll = () => {
    const el = scroller.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_TO_BOTTOM_PX;
  };

  return (
    <div class="messages" ref={scroller} onScroll={onScroll}>
      {count === 0 ? (
        <p class="messages__empty muted">No messages yet.</p>
      ) : (
        <ol class="messages__list" aria-label="Messages">
          {messages.map((message) => (
            <MessageItem key={message.id} message={message} visitorName={visitorName} now={now} />
          ))}
          {outgoing.map((o) => (
            <OutgoingItem key={o.clientId} outgoing={o} agentName={agentName} onRetry={onRetry} onDiscard={onDiscard} />
          ))}
        </ol>
      )}
    </div>
  );
}
