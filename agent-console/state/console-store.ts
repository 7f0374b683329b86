import type { ConversationSummary, Message, VisitorProfile } from '../../shared/contract';
import { AgentRequestError, isTransientError, type AgentConnection, type ConnectionStatus, type PushPayload } from '../agent-socket';
import { newClientId } from '../lib/client-id';
import { sortConversations, upsertConversation } from './conversation-list';
import { mergeMessages } from './message-list';

/** A reply the server has not acknowledged yet. */
export interface OutgoingMessage {
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

export interface SelectedConversation {
  id: string;
  load: 'loading' | 'ready' | 'error';
  error: string | null;
  /** Latest summary known (open answer or pushes); null until one is known. */
  conversation: ConversationSummary | null;
  visitor: VisitorProfile | null;
  messages: Message[];
  visitorTyping: boolean;
}

export type WaitingAlert = PushPayload<'conversation:waiting-alert'> & { receivedAt: number };

export interface ConsoleState {
  connection: ConnectionStatus;
  inbox: 'loading' | 'ready' | 'error';
  inboxError: string | null;
  conversations: ConversationSummary[];
  selected: SelectedConversation | null;
  outgoing: OutgoingMessage[];
  alerts: WaitingAlert[];
}

export interface ConsoleStoreOptions {
  /** Re-send `typing: true` at most this often while the agent keeps typing. */
  typingRefreshMs?: number;
  /** Send `typing: false` after this long without a keystroke. */
  typingIdleMs?: number;
  /** Hide the visitor's typing indicator if no update arrives for this long. */
  visitorTypingTimeoutMs?: number;
  now?: () => number;
}

/**
 * The console's data: the live inbox, the open conversation, unacknowledged replies and alerts.
 * Framework-free; views read `getState()` and call the action methods.
 */
export class ConsoleStore {
  private state: ConsoleState;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: Array<() => void> = [];
  private readonly options: Required<ConsoleStoreOptions>;
  private started = false;
  private disposed = false;
  private inboxGeneration = 0;
  /** Upserts received while a list request is in flight, re-applied over its answer. */
  private upsertsDuringLoad: ConversationSummary[] | null = null;
  private openGeneration = 0;
  private readonly inFlight = new Set<string>();
  private typing: { conversationId: string; sentAt: number } | null = null;
  private typingIdleTimer: ReturnType<typeof setTimeout> | undefined;
  private visitorTypingTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly connection: AgentConnection;

  constructor(connection: AgentConnection, options: ConsoleStoreOptions = {}) {
    this.connection = connection;
    this.options = {
      typingRefreshMs: options.typingRefreshMs ?? 3000,
      typingIdleMs: options.typingIdleMs ?? 4000,
      visitorTypingTimeoutMs: options.visitorTypingTimeoutMs ?? 15_000,
      now: options.now ?? Date.now,
    };
    this.state = {
      connection: connection.status(),
      inbox: 'loading',
      inboxError: null,
      conversations: [],
      selected: null,
      outgoing: [],
      alerts: [],
    };
  }

  getState(): ConsoleState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const c = this.connection;
    this.cleanups.push(
      c.onStatus((status) => this.handleStatus(status)),
      c.on('conversation:upsert', (summary) => this.handleUpsert(summary)),
      c.on('message:new', (message) => this.handleMessage(message)),
      c.on('typing:changed', (event) => this.handleVisitorTyping(event.conversationId, event.typing)),
      c.on('conversation:waiting-alert', (alert) => this.handleWaitingAlert(alert)),
    );
    this.handleStatus(c.status());
  }

  dispose(): void {
    if (this.disposed) return;
    this.stopTyping();
    this.disposed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    clearTimeout(this.typingIdleTimer);
    clearTimeout(this.visitorTypingTimer);
    this.listeners.clear();
  }

  // ---- actions -------------------------------------------------------------------------------

  reloadInbox(): void {
    if (this.isConnected()) void this.loadInbox();
  }

  select(conversationId: string): void {
    const previous = this.state.selected;
    if (previous?.id === conversationId && previous.load !== 'error') return;
    if (previous && previous.id !== conversationId) {
      this.stopTyping();
      if (this.isConnected()) {
        this.connection.request('conversation:leave', { conversationId: previous.id }).catch(() => {});
      }
    }
    clearTimeout(this.visitorTypingTimer);
    this.update({
      selected: {
        id: conversationId,
        load: 'loading',
        error: null,
        conversation: this.state.conversations.find((c) => c.id === conversationId) ?? null,
        visitor: null,
        messages: [],
        visitorTyping: false,
      },
      alerts: this.state.alerts.filter((a) => a.conversationId !== conversationId),
    });
    if (this.isConnected()) void this.openConversation(conversationId);
  }

  /** Queues a reply to the selected conversation; false when there is nothing to send. */
  send(text: string): boolean {
    const selected = this.state.selected;
    const trimmed = text.trim();
    if (!selected || !trimmed) return false;
    const outgoing: OutgoingMessage = {
      clientId: newClientId(),
      conversationId: selected.id,
      text: trimmed,
      createdAt: new Date(this.options.now()).toISOString(),
      state: 'sending',
      error: null,
      retryable: true,
    };
    this.update({ outgoing: [...this.state.outgoing, outgoing] });
    this.stopTyping();
    if (this.isConnected()) void this.deliver(outgoing);
    return true;
  }

  retry(clientId: string): void {
    const outgoing = this.state.outgoing.find((o) => o.clientId === clientId);
    if (!outgoing) return;
    const again: OutgoingMessage = { ...outgoing, state: 'sending', error: null, retryable: true };
    this.replaceOutgoing(again);
    if (this.isConnected()) void this.deliver(again);
  }

  discard(clientId: string): void {
    this.update({ outgoing: this.state.outgoing.filter((o) => o.clientId !== clientId) });
  }

  /** Reports the reply draft changing: throttled `typing:set true`, `false` when idle or cleared. */
  notifyTyping(draft: string): void {
    const selected = this.state.selected;
    if (!selected) return;
    if (!draft.trim()) {
      this.stopTyping();
      return;
    }
    const now = this.options.now();
    if (this.typing && this.typing.conversationId !== selected.id) this.stopTyping();
    if (!this.typing || now - this.typing.sentAt >= this.options.typingRefreshMs) {
      this.typing = { conversationId: selected.id, sentAt: now };
      this.emitTyping(selected.id, true);
    }
    clearTimeout(this.typingIdleTimer);
    this.typingIdleTimer = setTimeout(() => this.stopTyping(), this.options.typingIdleMs);
  }

  dismissAlert(conversationId: string): void {
    this.update({ alerts: this.state.alerts.filter((a) => a.conversationId !== conversationId) });
  }

  // ---- connection events ---------------------------------------------------------------------

  private handleStatus(status: ConnectionStatus): void {
    if (this.disposed) return;
    if (status !== 'connected') {
      // The server forgets typing state and room membership with the socket.
      this.typing = null;
      clearTimeout(this.typingIdleTimer);
      this.setVisitorTyping(false);
    }
    this.update({ connection: status });
    if (status === 'connected') {
      void this.loadInbox();
      const selected = this.state.selected;
      if (selected) void this.openConversation(selected.id);
      this.flushOutgoing();
    }
  }

  private handleUpsert(summary: ConversationSummary): void {
    if (this.disposed) return;
    this.upsertsDuringLoad?.push(summary);
    const selected = this.state.selected;
    const resolved = !summary.waitingSince || summary.status !== 'open';
    this.update({
      conversations: upsertConversation(this.state.conversations, summary),
      selected: selected?.id === summary.id ? { ...selected, conversation: newerSummary(selected.conversation, summary) } : selected,
      alerts: resolved ? this.state.alerts.filter((a) => a.conversationId !== summary.id) : this.state.alerts,
    });
  }

  private handleMessage(message: Message): void {
    if (this.disposed) return;
    const outgoing = this.state.outgoing.filter((o) => !(o.clientId === message.clientId && o.conversationId === message.conversationId));
    const selected = this.state.selected;
    if (selected?.id !== message.conversationId) {
      if (outgoing.length !== this.state.outgoing.length) this.update({ outgoing });
      return;
    }
    if (message.author === 'visitor') clearTimeout(this.visitorTypingTimer);
    this.update({
      outgoing,
      selected: {
        ...selected,
        messages: mergeMessages(selected.messages, [message]),
        visitorTyping: message.author === 'visitor' ? false : selected.visitorTyping,
      },
    });
  }

  private handleVisitorTyping(conversationId: string, typing: boolean): void {
    if (this.disposed || this.state.selected?.id !== conversationId) return;
    this.setVisitorTyping(typing);
    if (typing) {
      this.visitorTypingTimer = setTimeout(() => this.setVisitorTyping(false), this.options.visitorTypingTimeoutMs);
    }
  }

  private handleWaitingAlert(alert: PushPayload<'conversation:waiting-alert'>): void {
    if (this.disposed) return;
    this.update({
      alerts: [...this.state.alerts.filter((a) => a.conversationId !== alert.conversationId), { ...alert, receivedAt: this.options.now() }],
    });
  }

  // ---- requests ------------------------------------------------------------------------------

  private async loadInbox(): Promise<void> {
    const generation = ++this.inboxGeneration;
    this.upsertsDuringLoad = [];
    if (this.state.inbox === 'error') this.update({ inbox: 'loading', inboxError: null });
    try {
      const { conversations } = await this.connection.request('conversations:list', { status: 'open' });
      if (this.disposed || generation !== this.inboxGeneration) return;
      let list = sortConversations(conversations.filter((c) => c.status === 'open'));
      for (const summary of this.upsertsDuringLoad ?? []) list = upsertConversation(list, summary);
      this.upsertsDuringLoad = null;
      this.update({ conversations: list, inbox: 'ready', inboxError: null });
    } catch (error) {
      if (this.disposed || generation !== this.inboxGeneration) return;
      this.upsertsDuringLoad = null;
      // A dropped link retries on reconnect; anything else is shown with a retry button.
      if (isDisconnect(error)) return;
      this.update({ inbox: 'error', inboxError: describeError(error, 'Could not load conversations.') });
    }
  }

  private async openConversation(conversationId: string): Promise<void> {
    const generation = ++this.openGeneration;
    try {
      const data = await this.connection.request('conversation:open', { conversationId });
      const selected = this.state.selected;
      if (this.disposed || generation !== this.openGeneration || selected?.id !== conversationId) return;
      const delivered = new Set(data.messages.map((m) => m.clientId));
      this.update({
        selected: {
          ...selected,
          load: 'ready',
          error: null,
          conversation: newerSummary(selected.conversation, data.conversation),
          visitor: data.visitor,
          messages: mergeMessages(selected.messages, data.messages),
        },
        outgoing: this.state.outgoing.filter((o) => !(o.conversationId === conversationId && delivered.has(o.clientId))),
      });
    } catch (error) {
      const selected = this.state.selected;
      if (this.disposed || generation !== this.openGeneration || selected?.id !== conversationId) return;
      if (isDisconnect(error) || selected.load === 'ready') return;
      this.update({
        selected: {
          ...selected,
          load: 'error',
          error: describeError(error, 'Could not open this conversation.'),
        },
      });
    }
  }

  private flushOutgoing(): void {
    for (const outgoing of this.state.outgoing) {
      if (outgoing.state === 'sending' || outgoing.retryable) {
        const again: OutgoingMessage = { ...outgoing, state: 'sending', error: null };
        this.replaceOutgoing(again);
        void this.deliver(again);
      }
    }
  }

  private async deliver(outgoing: OutgoingMessage): Promise<void> {
    const { clientId, conversationId, text } = outgoing;
    if (this.inFlight.has(clientId)) return;
    this.inFlight.add(clientId);
    try {
      const { message } = await this.connection.request('message:send', { conversationId, clientId, text });
      this.inFlight.delete(clientId);
      if (this.disposed) return;
      const selected = this.state.selected;
      this.update({
        outgoing: this.state.outgoing.filter((o) => o.clientId !== clientId),
        selected:
          selected?.id === message.conversationId ? { ...selected, messages: mergeMessages(selected.messages, [message]) } : selected,
      });
    } catch (error) {
      this.inFlight.delete(clientId);
      if (this.disposed) return;
      const current = this.state.outgoing.find((o) => o.clientId === clientId);
      if (!current) return; // its message:new arrived meanwhile
      // Lost the link: stay pending, it is re-sent with the same clientId on reconnect.
      if (isDisconnect(error) && !this.isConnected()) return;
      this.replaceOutgoing({
        ...current,
        state: 'failed',
        error: describeSendError(error),
        retryable: isTransientError(error),
      });
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private stopTyping(): void {
    clearTimeout(this.typingIdleTimer);
    if (!this.typing) return;
    const { conversationId } = this.typing;
    this.typing = null;
    this.emitTyping(conversationId, false);
  }

  private emitTyping(conversationId: string, typing: boolean): void {
    if (this.disposed || !this.isConnected()) return;
    this.connection.request('typing:set', { conversationId, typing }).catch(() => {});
  }

  private setVisitorTyping(typing: boolean): void {
    clearTimeout(this.visitorTypingTimer);
    const selected = this.state.selected;
    if (selected && selected.visitorTyping !== typing) {
      this.update({ selected: { ...selected, visitorTyping: typing } });
    }
  }

  private replaceOutgoing(next: OutgoingMessage): void {
    this.update({
      outgoing: this.state.outgoing.map((o) => (o.clientId === next.clientId ? next : o)),
    });
  }

  private isConnected(): boolean {
    return this.connection.status() === 'connected';
  }

  private update(patch: Partial<ConsoleState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }
}

function newerSummary(current: ConversationSummary | null, incoming: ConversationSummary): ConversationSummary {
  if (current && current.id === incoming.id && Date.parse(current.updatedAt) > Date.parse(incoming.updatedAt)) {
    return current;
  }
  return incoming;
}

function isDisconnect(error: unknown): boolean {
  return error instanceof AgentRequestError && error.code === 'disconnected';
}

function describeError(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
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
