// The visitor's side of the conversation: connection state, messages, the outbox and the draft.
// Plain TypeScript on top of a ChatClient; the Preact views only render its state.
import type { Message, SitePublicInfo } from '../../shared/contract';
import { ChatError, type AgentTyping, type ChatClient } from './chat-client';
import { lastSeq, mergeMessages } from './messages';
import { Outbox, type OutboxEntry } from './outbox';
import { createSiteStore, type SiteStore } from './site-store';
import { createTypingReporter, type TypingReporter } from './typing-reporter';

const RETRY_MS = 3000;

export type Connection =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'reconnecting' }
  | { status: 'failed'; error: ChatError };

export interface PendingMessage extends OutboxEntry {
  /** The server refused it (not a network problem); it stays until the visitor retries. */
  failed: boolean;
}

export interface ChatState {
  connection: Connection;
  site: SitePublicInfo | null;
  messages: readonly Message[];
  pending: readonly PendingMessage[];
  agentsTyping: readonly string[];
  /** Agent messages that arrived while the panel was closed. */
  unread: number;
  draft: string;
}

/** What the views may ask of the session. */
export interface ChatActions {
  setDraft(text: string): void;
  send(text: string): void;
  retry(clientId: string): void;
  stopTyping(): void;
}

export class ChatSession implements ChatActions {
  private current: ChatState;
  private readonly listeners = new Set<(state: ChatState) => void>();
  private readonly store: SiteStore;
  private readonly outbox: Outbox;
  private readonly typing: TypingReporter;
  private readonly rejected = new Set<string>();
  private readonly stops: (() => void)[] = [];
  private online = false;
  private synced = false;
  private open = false;
  private flushing = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: ChatClient,
    siteKey: string,
  ) {
    this.store = createSiteStore(siteKey);
    this.outbox = new Outbox(this.store);
    this.typing = createTypingReporter((typing) => client.setTyping(typing));
    this.current = {
      connection: { status: 'connecting' },
      site: null,
      messages: [],
      pending: this.pendingMessages(),
      agentsTyping: [],
      unread: 0,
      draft: this.store.read('draft') ?? '',
    };
  }

  get state(): ChatState {
    return this.current;
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    const { client } = this;
    this.stops.push(
      client.on('connect', () => this.onConnect()),
      client.on('disconnect', () => this.onDisconnect()),
      client.on('fail', (error) => this.update({ connection: { status: 'failed', error } })),
      client.on('message', (message) => this.receive([message])),
      client.on('typing', (event) => this.onTyping(event)),
      this.outbox.watch(() => {
        this.update({ pending: this.pendingMessages() });
        void this.flush();
      }),
    );
    client.connect();
  }

  dispose(): void {
    this.typing.stop();
    this.stops.splice(0).forEach((stop) => stop());
    clearTimeout(this.retryTimer);
    this.client.disconnect();
    this.listeners.clear();
  }

  setOpen(open: boolean): void {
    this.open = open;
    if (open && this.current.unread) this.update({ unread: 0 });
  }

  setDraft(text: string): void {
    this.store.write('draft', text || null);
    this.update({ draft: text });
    if (text.trim()) this.typing.input();
    else this.typing.stop();
  }

  send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.outbox.add(trimmed);
    this.setDraft('');
    this.update({ pending: this.pendingMessages() });
    void this.flush();
  }

  retry(clientId: string): void {
    this.rejected.delete(clientId);
    this.update({ pending: this.pendingMessages() });
    void this.flush();
  }

  stopTyping(): void {
    this.typing.stop();
  }

  private onConnect(): void {
    this.online = true;
    clearTimeout(this.retryTimer);
    void this.sync();
  }

  private onDisconnect(): void {
    this.online = false;
    this.update({
      connection: { status: this.synced ? 'reconnecting' : 'connecting' },
      agentsTyping: [],
    });
  }

  private async sync(): Promise<void> {
    try {
      const { messages } = this.current;
      let data = await this.client.sync(lastSeq(messages));
      // The seq we sent belongs to a conversation that has since been replaced: fetch the new one whole.
      if (data.conversationId && messages.length && data.conversationId !== messages.at(-1)?.conversationId) {
        data = await this.client.sync(-1);
      }
      this.receive(data.messages);
      this.synced = true;
      this.update({ connection: { status: 'connected' }, site: data.site });
      void this.flush();
    } catch (error) {
      const chatError = error instanceof ChatError ? error : new ChatError('internal', String(error));
      if (chatError.code === 'unavailable') this.retryLater(() => this.sync());
      else this.update({ connection: { status: 'failed', error: chatError } });
    }
  }

  /** Sends the outbox one message at a time, in order, while connected. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.current.connection.status === 'connected') {
        const next = this.outbox.list().find((entry) => !this.rejected.has(entry.clientId));
        if (!next) return;
        try {
          this.receive([await this.client.send(next.clientId, next.text)]);
        } catch (error) {
          if (!(error instanceof ChatError) || error.code === 'unavailable') {
            this.retryLater(() => this.flush());
            return;
          }
          this.rejected.add(next.clientId);
          this.update({ pending: this.pendingMessages() });
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private receive(incoming: readonly Message[]): void {
    // Our own messages, acked here or echoed from another tab, leave the outbox.
    const stored = new Set(incoming.filter((m) => m.author === 'visitor').map((m) => m.clientId));
    const sent = this.outbox.remove(stored);
    const known = new Set(this.current.messages.map((message) => message.id));
    const fresh = incoming.filter((message) => !known.has(message.id));
    if (fresh.length === 0 && !sent) return;
    const agentMessages = fresh.filter((message) => message.author === 'agent');
    const countsAsUnread = this.synced && !this.open;
    this.update({
      messages: mergeMessages(this.current.messages, fresh),
      pending: this.pendingMessages(),
      agentsTyping: this.current.agentsTyping.filter((name) => !agentMessages.some((m) => m.authorName === name)),
      unread: this.current.unread + (countsAsUnread ? agentMessages.length : 0),
    });
  }

  private onTyping({ name, typing }: AgentTyping): void {
    const others = this.current.agentsTyping.filter((agent) => agent !== name);
    this.update({ agentsTyping: typing ? [...others, name] : others });
  }

  private retryLater(task: () => Promise<void>): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.online) void task();
    }, RETRY_MS);
  }

  private pendingMessages(): PendingMessage[] {
    return this.outbox.list().map((entry) => ({ ...entry, failed: this.rejected.has(entry.clientId) }));
  }

  private update(patch: Partial<ChatState>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) listener(this.current);
  }
}
