// The conversation itself: connection, sync, the outbox and the messages. Everything else reacts
// to its `synced` and `received` events.
import { mergeMessages } from '../../../shared/client/merge-messages';
import { createStore, type Store } from '../../../shared/client/store';
import type { Message, SitePublicInfo } from '../../../shared/contract';
import { type AgentTyping, type ChatClient, ChatError, isRetryableError, type Stage } from '../chat-client';
import { Emitter } from '../emitter';
import { lastSeq } from '../messages';
import { Outbox, type OutboxEntry } from '../outbox';
import type { SiteStore } from '../site-store';

const RETRY_MS = 3000;
/** A message another tab queued is sent by that tab; this one steps in only if it is still unsent after this long (the tab closed). */
const OTHER_TAB_GRACE_MS = 4000;

export type Connection =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'reconnecting' }
  | { status: 'failed'; error: ChatError };

export interface PendingMessage extends OutboxEntry {
  /** The server refused it (not a network problem); it stays until the visitor retries. */
  failed: boolean;
}

export interface ChatCoreState {
  connection: Connection;
  site: SitePublicInfo | null;
  stage: Stage | null;
  agentsOnline: boolean;
  messages: readonly Message[];
  pending: readonly PendingMessage[];
  agentsTyping: readonly string[];
  /** The last position an agent has read (-1: none): the visitor's messages up to it show "Read". */
  readByAgent: number;
}

export interface ChatCoreEvents {
  /** Connected and caught up: work held while offline can go out now. */
  synced: [site: SitePublicInfo];
  /** Messages new to this tab, once the first sync is done. */
  received: [messages: readonly Message[]];
}

export interface ChatCoreDeps {
  client: ChatClient;
  store: SiteStore;
  /** Whether the visitor sees the messages now (the panel is open): the latest is then reported read. */
  isVisible(): boolean;
}

export class ChatCore {
  readonly events = new Emitter<ChatCoreEvents>();
  readonly store: Store<ChatCoreState>;
  readonly #client: ChatClient;
  readonly #siteStore: SiteStore;
  readonly #isVisible: () => boolean;
  readonly #outbox: Outbox;
  readonly #rejected = new Set<string>();
  #online = false;
  #synced = false;
  /** The last position reported read, so each is reported once. */
  #readSent = -1;
  #flushing = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #otherTabTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: ChatCoreDeps) {
    this.#client = deps.client;
    this.#siteStore = deps.store;
    this.#isVisible = deps.isVisible;
    this.#outbox = new Outbox(deps.store);
    this.store = createStore<ChatCoreState>({
      connection: { status: 'connecting' },
      site: null,
      stage: null,
      agentsOnline: true,
      messages: [],
      pending: this.#pendingMessages(),
      agentsTyping: [],
      readByAgent: -1,
    });
  }

  /** Follows the client's events (connect it afterwards); answers the function that stops following. */
  start(): () => void {
    const client = this.#client;
    const set = this.store.set;
    const stops = [
      client.on('connect', () => this.#onConnect()),
      client.on('disconnect', () => this.#onDisconnect()),
      client.on('fail', (error) => set({ connection: { status: 'failed', error } })),
      client.on('message', (message) => this.#receive([message])),
      client.on('typing', (event) => this.#onTyping(event)),
      client.on('stage', (stage) => set({ stage })),
      client.on('availability', (agentsOnline) => set({ agentsOnline })),
      client.on('read', (seq) => set((state) => ({ readByAgent: Math.max(seq, state.readByAgent) }))),
      this.#outbox.watch(() => {
        set({ pending: this.#pendingMessages() });
        clearTimeout(this.#otherTabTimer);
        this.#otherTabTimer = setTimeout(() => void this.#flush(), OTHER_TAB_GRACE_MS);
      }),
    ];
    return () => {
      for (const stop of stops) stop();
      clearTimeout(this.#retryTimer);
      clearTimeout(this.#otherTabTimer);
    };
  }

  isConnected(): boolean {
    return this.store.get().connection.status === 'connected';
  }

  send(text: string): void {
    this.#outbox.add(text);
    this.store.set({ pending: this.#pendingMessages() });
    void this.#flush();
  }

  retry(clientId: string): void {
    this.#rejected.delete(clientId);
    this.store.set({ pending: this.#pendingMessages() });
    void this.#flush();
  }

  /** What an escalation answer or prompt says about the agents, between availability pushes. */
  setAgentsOnline(agentsOnline: boolean): void {
    this.store.set({ agentsOnline });
  }

  /** While the visitor sees the messages, agents get "Seen" for the latest one. */
  markRead(): void {
    const last = this.store.get().messages.at(-1);
    if (!this.#isVisible() || !last || last.seq <= this.#readSent) return;
    this.#readSent = last.seq;
    this.#client.notify('conversation:read', { seq: last.seq });
  }

  #onConnect(): void {
    this.#online = true;
    clearTimeout(this.#retryTimer);
    void this.#sync();
  }

  #onDisconnect(): void {
    this.#online = false;
    this.store.set({ connection: { status: this.#synced ? 'reconnecting' : 'connecting' }, agentsTyping: [] });
  }

  async #sync(): Promise<void> {
    try {
      const { messages } = this.store.get();
      let data = await this.#client.request('visitor:sync', { afterSeq: lastSeq(messages) });
      // The seq we sent belongs to a conversation that has since been replaced: fetch the new one whole.
      if (data.conversationId && messages.length && data.conversationId !== messages.at(-1)?.conversationId) {
        data = await this.#client.request('visitor:sync', { afterSeq: -1 });
      }
      this.#siteStore.write('token', data.token);
      // Stored before the connection dropped but never acked: it may never have reached the agents
      // either. Sending it again is idempotent, and the server delivers it once more.
      const stored = new Set(data.messages.map((m) => m.clientId));
      const unacked = this.#outbox.list().filter((entry) => stored.has(entry.clientId));
      this.#receive(data.messages);
      for (const { clientId, text } of unacked) this.#client.request('message:send', { clientId, text }).catch(() => undefined);
      this.#synced = true;
      this.store.set({ connection: { status: 'connected' }, site: data.site, stage: data.stage, agentsOnline: data.agentsOnline });
      this.events.emit('synced', data.site);
      void this.#flush();
    } catch (error) {
      const chatError = error instanceof ChatError ? error : new ChatError('internal', String(error));
      if (isRetryableError(chatError)) this.#retryLater(() => this.#sync());
      else this.store.set({ connection: { status: 'failed', error: chatError } });
    }
  }

  /** Sends the outbox one message at a time, in order, while connected. */
  async #flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      while (this.isConnected()) {
        const next = this.#outbox.list().find((entry) => !this.#rejected.has(entry.clientId));
        if (!next) return;
        try {
          const { message } = await this.#client.request('message:send', { clientId: next.clientId, text: next.text });
          this.#receive([message]);
        } catch (error) {
          if (isRetryableError(error)) {
            this.#retryLater(() => this.#flush());
            return;
          }
          this.#rejected.add(next.clientId);
          this.store.set({ pending: this.#pendingMessages() });
        }
      }
    } finally {
      this.#flushing = false;
    }
  }

  #receive(incoming: readonly Message[]): void {
    // Our own messages, acked here or echoed from another tab, leave the outbox.
    const sent = this.#outbox.remove(new Set(incoming.filter((m) => m.author === 'visitor').map((m) => m.clientId)));
    const current = this.store.get();
    const known = new Set(current.messages.map((message) => message.id));
    const fresh = incoming.filter((message) => !known.has(message.id));
    if (fresh.length === 0 && !sent) return;
    const answered = new Set(fresh.filter((message) => message.author === 'agent').map((message) => message.authorName));
    this.store.set({
      messages: mergeMessages(current.messages, fresh),
      pending: this.#pendingMessages(),
      agentsTyping: current.agentsTyping.filter((name) => !answered.has(name)),
    });
    if (this.#synced && fresh.length) this.events.emit('received', fresh);
    this.markRead();
  }

  #onTyping({ name, typing }: AgentTyping): void {
    this.store.set(({ agentsTyping }) => {
      const others = agentsTyping.filter((agent) => agent !== name);
      return { agentsTyping: typing ? [...others, name] : others };
    });
  }

  #retryLater(task: () => Promise<void>): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (this.#online) void task();
    }, RETRY_MS);
  }

  #pendingMessages(): PendingMessage[] {
    return this.#outbox.list().map((entry) => ({ ...entry, failed: this.#rejected.has(entry.clientId) }));
  }
}
