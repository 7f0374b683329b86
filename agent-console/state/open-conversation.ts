import type { Message, ProductCard, VisitorProfile } from '../../shared/contract';
import { createClientId } from '../../shared/client/client-id';
import { mergeMessages } from '../../shared/client/merge-messages';
import { createTypingThrottle } from '../../shared/client/typing-throttle';
import { AgentRequestError, isRetryableError, type AgentConnection } from '../agent-socket';
import type { Conversations } from './conversations';
import { describeFailure } from '../lib/describe-failure';
import { isDisconnect } from './errors';
import { createStore } from '../../shared/client/store';

/** What a reply carries beside its text: a product card (sent instead of text) and quick replies. */
export interface ReplyExtras {
  card?: ProductCard;
  quickReplies?: string[];
}

/** A reply the server has not acknowledged yet. */
export interface OutgoingMessage extends ReplyExtras {
  clientId: string;
  conversationId: string;
  text: string;
  createdAt: string;
  /** sending: queued or awaiting its ack; failed: `error` says why. */
  state: 'sending' | 'failed';
  error: string | null;
  /** Whether the failure was the transport's, so that resending may work. */
  retryable: boolean;
}

/** The conversation open in the console; its summary is the cache's (`conversations.byId[id]`). */
export interface SelectedConversation {
  id: string;
  load: 'loading' | 'ready' | 'error';
  error: string | null;
  visitor: VisitorProfile | null;
  messages: readonly Message[];
  visitorTyping: boolean;
}

export interface OpenConversationState {
  selected: SelectedConversation | null;
  outgoing: OutgoingMessage[];
}

export interface OpenConversationOptions {
  /** Re-send `typing: true` at most this often while the agent keeps typing. */
  typingRefreshMs?: number;
  /** Send `typing: false` after this long without a keystroke. */
  typingIdleMs?: number;
  /** Hide the visitor's typing indicator if no update arrives for this long. */
  visitorTypingTimeoutMs?: number;
  now?: () => number;
}

/** The open conversation's messages and typing, and the agent's replies until the server has them. */
export function createOpenConversation(connection: AgentConnection, conversations: Conversations, options: OpenConversationOptions = {}) {
  const now = options.now ?? Date.now;
  const visitorTypingTimeoutMs = options.visitorTypingTimeoutMs ?? 15_000;
  const store = createStore<OpenConversationState>({ selected: null, outgoing: [] });
  const isConnected = () => connection.status() === 'connected';
  const typing = createTypingThrottle<string>({
    refreshMs: options.typingRefreshMs ?? 3000,
    idleMs: options.typingIdleMs ?? 4000,
    now,
    report: (value, conversationId) => {
      if (isConnected()) connection.request('typing:set', { conversationId, typing: value }).catch(() => {});
    },
  });
  const inFlight = new Set<string>();
  let openGeneration = 0;
  let visitorTypingTimer: ReturnType<typeof setTimeout> | undefined;

  function patchSelected(id: string, patch: Partial<SelectedConversation>): void {
    const { selected } = store.get();
    if (selected?.id === id) store.set({ selected: { ...selected, ...patch } });
  }

  function setVisitorTyping(value: boolean): void {
    clearTimeout(visitorTypingTimer);
    const { selected } = store.get();
    if (selected && selected.visitorTyping !== value) patchSelected(selected.id, { visitorTyping: value });
  }

  function replaceOutgoing(next: OutgoingMessage): void {
    store.set((s) => ({ outgoing: s.outgoing.map((o) => (o.clientId === next.clientId ? next : o)) }));
  }

  async function open(conversationId: string): Promise<void> {
    const generation = ++openGeneration;
    const current = () => generation === openGeneration && store.get().selected?.id === conversationId;
    try {
      const data = await connection.request('conversation:open', { conversationId });
      if (!current()) return;
      conversations.remember(data.conversation);
      const delivered = new Set(data.messages.map((m) => m.clientId));
      const selected = store.get().selected!;
      store.set((s) => ({
        selected: {
          ...selected,
          load: 'ready',
          error: null,
          visitor: data.visitor,
          messages: mergeMessages(selected.messages, data.messages),
        },
        outgoing: s.outgoing.filter((o) => !(o.conversationId === conversationId && delivered.has(o.clientId))),
      }));
    } catch (error) {
      if (!current() || isDisconnect(error) || store.get().selected!.load === 'ready') return;
      patchSelected(conversationId, { load: 'error', error: describeFailure(error, 'Could not open this conversation.') });
    }
  }

  async function deliver(outgoing: OutgoingMessage): Promise<void> {
    const { clientId, conversationId, text, card, quickReplies } = outgoing;
    if (inFlight.has(clientId)) return;
    inFlight.add(clientId);
    try {
      const { message } = await connection.request('message:send', {
        conversationId,
        clientId,
        ...(card ? { card } : { text }),
        ...(quickReplies && { quickReplies }),
      });
      inFlight.delete(clientId);
      store.set((s) => ({ outgoing: s.outgoing.filter((o) => o.clientId !== clientId) }));
      addMessage(message);
    } catch (error) {
      inFlight.delete(clientId);
      const current = store.get().outgoing.find((o) => o.clientId === clientId);
      if (!current) return; // its message:new arrived meanwhile
      // Lost the link: stay pending, it is re-sent with the same clientId on reconnect.
      if (isDisconnect(error) && !isConnected()) return;
      replaceOutgoing({ ...current, state: 'failed', error: describeSendError(error), retryable: isRetryableError(error) });
    }
  }

  function addMessage(message: Message): void {
    const { selected } = store.get();
    if (selected?.id === message.conversationId) patchSelected(selected.id, { messages: mergeMessages(selected.messages, [message]) });
  }

  return {
    store,

    select(conversationId: string): void {
      const previous = store.get().selected;
      if (previous?.id === conversationId && previous.load !== 'error') return;
      if (previous && previous.id !== conversationId) {
        typing.stop();
        if (isConnected()) connection.request('conversation:leave', { conversationId: previous.id }).catch(() => {});
      }
      clearTimeout(visitorTypingTimer);
      store.set({ selected: { id: conversationId, load: 'loading', error: null, visitor: null, messages: [], visitorTyping: false } });
      if (isConnected()) void open(conversationId);
    },

    /** Queues a reply to the selected conversation (a card's text is its title); false when there is nothing to send. */
    send(text: string, extras: ReplyExtras = {}): boolean {
      const { selected } = store.get();
      const trimmed = extras.card?.title ?? text.trim();
      if (!selected || !trimmed) return false;
      const outgoing: OutgoingMessage = {
        ...extras,
        clientId: createClientId(),
        conversationId: selected.id,
        text: trimmed,
        createdAt: new Date(now()).toISOString(),
        state: 'sending',
        error: null,
        retryable: true,
      };
      store.set((s) => ({ outgoing: [...s.outgoing, outgoing] }));
      typing.stop();
      if (isConnected()) void deliver(outgoing);
      return true;
    },

    retry(clientId: string): void {
      const outgoing = store.get().outgoing.find((o) => o.clientId === clientId);
      if (!outgoing) return;
      const again: OutgoingMessage = { ...outgoing, state: 'sending', error: null, retryable: true };
      replaceOutgoing(again);
      if (isConnected()) void deliver(again);
    },

    discard(clientId: string): void {
      store.set((s) => ({ outgoing: s.outgoing.filter((o) => o.clientId !== clientId) }));
    },

    /** Reports the reply draft changing: throttled `typing:set true`, `false` when idle or cleared. */
    draftChanged(draft: string): void {
      const { selected } = store.get();
      if (!selected) return;
      if (draft.trim()) typing.input(selected.id);
      else typing.stop();
    },

    /** `message:new`: settles a pending reply and shows the message if its conversation is open. */
    receive(message: Message): void {
      store.set((s) => ({
        outgoing: s.outgoing.filter((o) => !(o.clientId === message.clientId && o.conversationId === message.conversationId)),
      }));
      if (store.get().selected?.id !== message.conversationId) return;
      if (message.author === 'visitor') setVisitorTyping(false);
      addMessage(message);
    },

    visitorTyping(conversationId: string, value: boolean): void {
      if (store.get().selected?.id !== conversationId) return;
      setVisitorTyping(value);
      if (value) visitorTypingTimer = setTimeout(() => setVisitorTyping(false), visitorTypingTimeoutMs);
    },

    /** Opens the selection again on the new socket and sends what waited for the link. */
    connected(): void {
      const { selected } = store.get();
      if (selected) void open(selected.id);
      for (const outgoing of store.get().outgoing) {
        if (outgoing.state === 'sending' || outgoing.retryable) {
          const again: OutgoingMessage = { ...outgoing, state: 'sending', error: null };
          replaceOutgoing(again);
          void deliver(again);
        }
      }
    },

    /** The server forgets typing state and room membership with the socket. */
    disconnected(): void {
      typing.reset();
      setVisitorTyping(false);
    },

    dispose(): void {
      typing.stop();
      clearTimeout(visitorTypingTimer);
    },
  };
}

function describeSendError(error: unknown): string {
  if (!(error instanceof AgentRequestError)) return 'Something went wrong.';
  switch (error.code) {
    case 'timeout':
      return 'The server did not confirm this message.';
    case 'disconnected':
      return 'The connection was lost.';
    case 'conversation_closed':
      return 'This conversation is closed.';
    case 'forbidden':
      return 'You cannot reply to this conversation.';
    case 'not_found':
      return 'This conversation no longer exists.';
    default:
      return error.message || 'Something went wrong.';
  }
}
