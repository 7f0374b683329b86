import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Message, Note } from '../../shared/contract';
import type { OutgoingMessage } from '../state/open-conversation';
import { MessageItem, OutgoingItem } from './MessageItem';
import { NoteItem } from './NoteItem';

interface MessageListProps {
  conversationId: string;
  messages: readonly Message[];
  outgoing: OutgoingMessage[];
  visitorName: string;
  agentName: string;
  now: number;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  /** Internal notes, shown in time order among the messages. */
  notes?: Note[];
  /** The last position the visitor has seen: the latest agent reply up to it is marked "Seen". */
  visitorReadSeq?: number;
}

const STICK_TO_BOTTOM_PX = 80;

export function MessageList(props: MessageListProps) {
  const { conversationId, messages, outgoing, visitorName, agentName, now, onRetry, onDiscard, notes = [], visitorReadSeq = -1 } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastConversation = useRef<string | null>(null);
  const count = messages.length + outgoing.length + notes.length;
  const seenId = messages.findLast((m) => m.author === 'agent' && m.seq <= visitorReadSeq)?.id;
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

  // The pane shrinks when suggestions appear or grow: the newest message stays in view.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

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
          {interleave(messages, notes).map((item) =>
            'seq' in item ? (
              <MessageItem key={item.id} message={item} visitorName={visitorName} now={now} seen={item.id === seenId} />
            ) : (
              <NoteItem key={item.id} note={item} now={now} />
            ),
          )}
          {outgoing.map((o) => (
            <OutgoingItem key={o.clientId} outgoing={o} agentName={agentName} onRetry={onRetry} onDiscard={onDiscard} />
          ))}
        </ol>
      )}
    </div>
  );
}

/** Messages in order, each note placed before the first message written after it. */
function interleave(messages: readonly Message[], notes: readonly Note[]): Array<Message | Note> {
  if (notes.length === 0) return [...messages];
  const out: Array<Message | Note> = [];
  let n = 0;
  for (const message of messages) {
    while (n < notes.length && Date.parse(notes[n]!.createdAt) <= Date.parse(message.createdAt)) out.push(notes[n++]!);
    out.push(message);
  }
  return out.concat(notes.slice(n));
}
