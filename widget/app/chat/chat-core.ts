// The conversation itself: connection, sync, the outbox and the messages. The rest of the widget
// follows it through `synced` and `received`.
import { heldThrough, mergeMessages } from '../../../shared/client/merge-messages';
import type { Store } from '../../../shared/client/store';
import type { Message, SitePublicInfo } from '../../../shared/contract';
import { type AgentTyping, type ChatClient, ChatError, isRetryableError, type Stage, type SyncResult } from '../chat-client';
import { Outbox, type OutboxEntry } from '../outbox';
import type { SiteStore } from '../site-store';

const RETRY_MS = 3000;
/** Card numbers, IBANs and security codes all have three digits in a row. */
const MAY_HOLD_SECRET = /\d{3}/;

/** The masking of shared/privacy, loaded on first use; offline before it ever loaded, the server masks on arrival. */
export const loadMasker = () => import('../../../shared/privacy/mask-secrets');
const masked = (text: string): Promise<string> =>
  loadMasker().then(
    ({ maskSecrets }) => maskSecrets(text).text,
    () => text,
  );
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

export interface ChatCoreDeps {
  client: ChatClient;
  store: SiteStore;
  /** Whether the visitor sees the messages now (the panel is open): the latest is then reported read. */
  isVisible(): boolean;
  /** Connected and caught up: work held while offline can go out now. */
  synced(data: SyncResult): void;
  /** Messages new to this tab, once the first sync is done. */
  received(messages: readonly Message[]): void;
}

export function createChatCore(
  store: Store<ChatCoreState>,
  { client, store: siteStore, isVisible, synced: onSynced, received }: ChatCoreDeps,
) {
  const outbox = new Outbox(siteStore);
  const rejected = new Set<string>();
  const pendingMessages = (): PendingMessage[] => outbox.list().map((entry) => ({ ...entry, failed: rejected.has(entry.clientId) }));
  store.set({
    connection: { status: 'connecting' },
    site: null,
    stage: null,
    agentsOnline: true,
    messages: [],
    pending: pendingMessages(),
    agentsTyping: [],
    readByAgent: -1,
  });
  const { get, set } = store;
  let online = false;
  let synced = false;
  /** The last position reported read, so each is reported once. */
  let readSent = -1;
  let flushing = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let otherTabTimer: ReturnType<typeof setTimeout> | undefined;

  const isConnected = () => get().connection.status === 'connected';

  /** While the visitor sees the messages, agents get "Seen" for the latest one. */
  const markRead = (): void => {
    const last = get().messages.at(-1);
    if (!isVisible() || !last || last.seq <= readSent) return;
    readSent = last.seq;
    client.notify('conversation:read', { seq: last.seq });
  };

  const retryLater = (task: () => Promise<void>): void => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (online) void task();
    }, RETRY_MS);
  };

  const receive = (incoming: readonly Message[]): void => {
    // Our own messages, acked here or echoed from another tab, leave the outbox.
    const sent = outbox.remove(new Set(incoming.filter((m) => m.author === 'visitor').map((m) => m.clientId)));
    const current = get();
    const known = new Set(current.messages.map((message) => message.id));
    const fresh = incoming.filter((message) => !known.has(message.id));
    if (fresh.length === 0 && !sent) return;
    const answered = new Set(fresh.filter((message) => message.author === 'agent').map((message) => message.authorName));
    set({
      messages: mergeMessages(current.messages, fresh),
      pending: pendingMessages(),
      agentsTyping: current.agentsTyping.filter((name) => !answered.has(name)),
    });
    if (synced && fresh.length) received(fresh);
    markRead();
  };

  /** Sends the outbox one message at a time, in order, while connected. */
  const flush = async (): Promise<void> => {
    if (flushing) return;
    flushing = true;
    try {
      while (isConnected()) {
        const next = outbox.list().find((entry) => !rejected.has(entry.clientId));
        if (!next) return;
        try {
          // Naming the conversation shown: written into after it closed, it is continued by a new one.
          const conversationId = get().messages.at(-1)?.conversationId;
          const { message } = await client.request('message:send', { clientId: next.clientId, text: next.text, conversationId });
          receive([message]);
        } catch (error) {
          if (isRetryableError(error)) {
            retryLater(flush);
            return;
          }
          rejected.add(next.clientId);
          set({ pending: pendingMessages() });
        }
      }
    } finally {
      flushing = false;
    }
  };

  const sync = async (): Promise<void> => {
    try {
      const { messages } = get();
      let data = await client.request('visitor:sync', { afterSeq: heldThrough(messages) });
      // The seq we sent belongs to a conversation that has since been replaced: fetch the new one whole.
      if (data.conversationId && messages.length && data.conversationId !== messages.at(-1)?.conversationId) {
        data = await client.request('visitor:sync', { afterSeq: -1 });
      }
      siteStore.write('token', data.token);
      // Stored before the connection dropped but never acked: it may never have reached the agents
      // either. Sending it again is idempotent, and the server delivers it once more.
      const stored = new Set(data.messages.map((m) => m.clientId));
      const unacked = outbox.list().filter((entry) => stored.has(entry.clientId));
      receive(data.messages);
      for (const { clientId, text } of unacked) client.request('message:send', { clientId, text }).catch(() => undefined);
      synced = true;
      set({ connection: { status: 'connected' }, site: data.site, stage: data.stage, agentsOnline: data.agentsOnline });
      onSynced(data);
      void flush();
    } catch (error) {
      const chatError = error instanceof ChatError ? error : new ChatError('internal', String(error));
      if (isRetryableError(chatError)) retryLater(sync);
      else set({ connection: { status: 'failed', error: chatError } });
    }
  };

  const pendingChanged = (): void => {
    set({ pending: pendingMessages() });
    void flush();
  };

  const queue = (text: string): void => {
    outbox.add(text);
    pendingChanged();
  };
  /** Sends waiting for the masking code, chained so that messages keep the order they were written in. */
  let masking: Promise<void> | null = null;

  return {
    isConnected,
    markRead,
    /** Merges messages acked outside the socket (files sent over HTTP), as an acked send does. */
    receive,

    /** Follows the client's events (connect it afterwards); answers the function that stops following. */
    start(): () => void {
      const stops = [
        client.on('connect', () => {
          online = true;
          clearTimeout(retryTimer);
          void sync();
        }),
        client.on('disconnect', () => {
          online = false;
          set({ connection: { status: 'reconnecting' }, agentsTyping: [] });
        }),
        client.on('fail', (error) => set({ connection: { status: 'failed', error } })),
        client.on('message', (message) => receive([message])),
        client.on('typing', ({ name, typing }: AgentTyping) =>
          set(({ agentsTyping }) => {
            const others = agentsTyping.filter((agent) => agent !== name);
            return { agentsTyping: typing ? [...others, name] : others };
          }),
        ),
        client.on('stage', (stage) => set({ stage })),
        client.on('availability', (agentsOnline) => set({ agentsOnline })),
        client.on('read', (seq) => set(({ readByAgent }) => ({ readByAgent: Math.max(seq, readByAgent) }))),
        outbox.watch(() => {
          set({ pending: pendingMessages() });
          clearTimeout(otherTabTimer);
          otherTabTimer = setTimeout(() => void flush(), OTHER_TAB_GRACE_MS);
        }),
      ];
      return () => {
        for (const stop of stops) stop();
        clearTimeout(retryTimer);
        clearTimeout(otherTabTimer);
      };
    },

    /** A text that may hold a card number, an IBAN or a security code is masked before the outbox stores it. */
    send(text: string): void {
      if (!masking && !MAY_HOLD_SECRET.test(text)) {
        queue(text);
        return;
      }
      const previous = masking ?? Promise.resolve();
      const step = previous.then(async () => queue(MAY_HOLD_SECRET.test(text) ? await masked(text) : text));
      masking = step;
      void step.then(() => {
        if (masking === step) masking = null;
      });
    },

    retry(clientId: string): void {
      rejected.delete(clientId);
      pendingChanged();
    },
  };
}
