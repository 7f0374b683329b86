// Everything the widget knows and does, as plain TypeScript on top of a ChatClient: connection,
// conversation, outbox, language, panel state, proactive prompts, the offline form and tracking.
// The Preact views only render its state and call its methods.
import type { KbPublicArticle, KbSearchHit, Message, SitePublicInfo } from '../../shared/contract';
import { isRtl, pickLocale, type LocaleCode } from '../../shared/i18n/locales';
import { translate, type Catalog, type MessageKey, type Vars } from '../../shared/i18n/translate';
import {
  ChatError,
  isRetryableError,
  type AgentTyping,
  type ChatClient,
  type Payload,
  type ProactivePrompt,
  type Stage,
  type TrackedEventInput,
} from './chat-client';
import { Emitter } from './emitter';
import { mergeMessages } from '../../shared/client/merge-messages';
import { createTypingThrottle, type TypingThrottle } from '../../shared/client/typing-throttle';
import { lastSeq } from './messages';
import { Outbox, type OutboxEntry } from './outbox';
import type { SiteStore } from './site-store';

const RETRY_MS = 3000;
/** `typing: true` is re-sent this often while the visitor types, and `false` follows this long after the last key. */
const TYPING_REFRESH_MS = 3000;
const TYPING_IDLE_MS = 5000;
const SEARCH_DEBOUNCE_MS = 250;
/** Suggestions wait for a pause in typing and a few characters, so half words don't flicker results. */
const SUGGEST_DEBOUNCE_MS = 500;
const SUGGEST_MIN_CHARS = 4;
/** A message another tab queued is sent by that tab; this one steps in only if it is still unsent after this long (the tab closed). */
const OTHER_TAB_GRACE_MS = 4000;
/** Tracking events kept while the connection is down; older ones are dropped first. */
const MAX_QUEUED_EVENTS = 100;

export type Translate = (key: MessageKey, vars?: Vars) => string;
export type IdentifyInput = Payload<'visitor:identify'>;
export type OfflineFormInput = Payload<'offline:submit'>;

export type Connection =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'reconnecting' }
  | { status: 'failed'; error: ChatError };

export interface PendingMessage extends OutboxEntry {
  /** The server refused it (not a network problem); it stays until the visitor retries. */
  failed: boolean;
}

export type View = 'chat' | 'help';
/** The rating asked for after an agent closed the conversation. */
export type CsatState = { conversationId: string; status: 'asking' | 'sending' | 'sent' | 'failed' };
export type PersonRequest = 'idle' | 'requesting' | 'requested' | 'failed';
export type OfflineFormState =
  | { status: 'editing' | 'sending' }
  | { status: 'sent'; name: string; email: string }
  | { status: 'failed'; message: string };

export interface HelpState {
  query: string;
  /** Hits for `query`; null before the first search. */
  results: readonly KbSearchHit[] | null;
  searching: boolean;
  failed: boolean;
  /** The article being read (loading while `article` is still null). */
  articleId: string | null;
  article: KbPublicArticle | null;
  /** Articles the visitor voted on in this tab. */
  voted: readonly string[];
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
  open: boolean;
  /** True when the visitor opened the panel (focus moves into it); false when a proactive prompt did. */
  openedByVisitor: boolean;
  view: View;
  locale: LocaleCode;
  /** The loaded catalog's translator; null until the first catalog has arrived. */
  t: Translate | null;
  stage: Stage | null;
  agentsOnline: boolean;
  prompt: ProactivePrompt | null;
  person: PersonRequest;
  offlineForm: OfflineFormState;
  help: HelpState;
  /** Articles matching the question being typed, offered before it is sent. */
  suggestions: readonly KbSearchHit[];
  csat: CsatState | null;
  /** The last position an agent has read (-1: none): the visitor's messages up to it show "Read". */
  readByAgent: number;
}

/** What the host page can listen to with `LifecycleChat('on', name, fn)`. */
export interface WidgetEvents {
  message: [message: Message];
  open: [];
  close: [];
  escalated: [detail: { conversationId: string; source: 'proactive' | 'visitor'; concern?: string; articleId?: string }];
}

export interface SessionDeps {
  client: ChatClient;
  store: SiteStore;
  loadCatalog(locale: LocaleCode): Promise<Catalog>;
  /** Language tags of the page (`<html lang>`) and then the browser, most preferred first. */
  pageLanguages(): readonly string[];
}

/** The offline form replaces the composer while no agent is online, unless an agent already answered here. */
export function showsOfflineForm(state: ChatState): boolean {
  return !state.agentsOnline && !state.messages.some((message) => message.author === 'agent');
}

export function textDirection(locale: LocaleCode): 'rtl' | 'ltr' {
  return isRtl(locale) ? 'rtl' : 'ltr';
}

export class ChatSession {
  readonly events = new Emitter<WidgetEvents>();
  #current: ChatState;
  readonly #listeners = new Set<(state: ChatState) => void>();
  readonly #client: ChatClient;
  readonly #store: SiteStore;
  readonly #outbox: Outbox;
  readonly #typing: TypingThrottle<void>;
  readonly #rejected = new Set<string>();
  readonly #stops: (() => void)[] = [];
  readonly #tracked: TrackedEventInput[] = [];
  #identity: IdentifyInput | null = null;
  #localeOverride: string | null = null;
  #catalogRequest = 0;
  #online = false;
  #synced = false;
  /** The last position reported read, so each is reported once. */
  #readSent = -1;
  #flushing = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #suggestTimer: ReturnType<typeof setTimeout> | undefined;
  #otherTabTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: SessionDeps) {
    this.#client = deps.client;
    this.#store = deps.store;
    this.#outbox = new Outbox(this.#store);
    this.#typing = createTypingThrottle({
      report: (typing) => this.#client.notify('typing:set', { typing }),
      refreshMs: TYPING_REFRESH_MS,
      idleMs: TYPING_IDLE_MS,
    });
    this.#current = {
      connection: { status: 'connecting' },
      site: null,
      messages: [],
      pending: this.#pendingMessages(),
      agentsTyping: [],
      unread: 0,
      draft: this.#store.read('draft') ?? '',
      open: false,
      openedByVisitor: false,
      view: 'chat',
      locale: this.#resolveLocale(null),
      t: null,
      stage: null,
      agentsOnline: true,
      prompt: null,
      person: 'idle',
      offlineForm: { status: 'editing' },
      help: { query: '', results: null, searching: false, failed: false, articleId: null, article: null, voted: [] },
      suggestions: [],
      csat: null,
      readByAgent: -1,
    };
  }

  get state(): ChatState {
    return this.#current;
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    const client = this.#client;
    this.#stops.push(
      client.on('connect', () => this.#onConnect()),
      client.on('disconnect', () => this.#onDisconnect()),
      client.on('fail', (error) => this.#update({ connection: { status: 'failed', error } })),
      client.on('message', (message) => this.#receive([message])),
      client.on('typing', (event) => this.#onTyping(event)),
      client.on('prompt', (prompt) => this.#onPrompt(prompt)),
      client.on('stage', (stage) => this.#update({ stage })),
      client.on('availability', (agentsOnline) => this.#update({ agentsOnline })),
      client.on('closed', (conversationId) => this.#update({ csat: { conversationId, status: 'asking' } })),
      client.on('read', (seq) => this.#update({ readByAgent: Math.max(seq, this.#current.readByAgent) })),
      this.#outbox.watch(() => {
        this.#update({ pending: this.#pendingMessages() });
        clearTimeout(this.#otherTabTimer);
        this.#otherTabTimer = setTimeout(() => void this.#flush(), OTHER_TAB_GRACE_MS);
      }),
    );
    this.#applyLocale();
    client.connect();
  }

  dispose(): void {
    this.#typing.stop();
    this.#stops.splice(0).forEach((stop) => stop());
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#searchTimer);
    clearTimeout(this.#suggestTimer);
    clearTimeout(this.#otherTabTimer);
    this.#client.disconnect();
    this.#listeners.clear();
  }

  // ── panel ──────────────────────────────────────────────────────────────────────────────

  /** Opens the panel; without a view, evaluation-stage visitors see help first, everyone else the chat. */
  openPanel(view?: View, byVisitor = true): void {
    const wasOpen = this.#current.open;
    this.#update({
      open: true,
      openedByVisitor: byVisitor || (wasOpen && this.#current.openedByVisitor),
      view: view ?? (wasOpen ? this.#current.view : this.#defaultView()),
      unread: 0,
    });
    if (!wasOpen) this.events.emit('open');
    this.#markRead();
  }

  close(): void {
    if (!this.#current.open) return;
    this.#typing.stop();
    this.#update({ open: false });
    this.events.emit('close');
  }

  showView(view: View): void {
    this.#update({ view });
  }

  /**
   * Picks a widget language explicitly (`setLocale()`); an unsupported tag falls back to the usual order.
   * So does a language the site does not offer: the admin's list bounds the host page's call too.
   */
  setLocale(tag: string | null): void {
    this.#localeOverride = tag;
    this.#applyLocale();
  }

  // ── chat ───────────────────────────────────────────────────────────────────────────────

  setDraft(text: string): void {
    this.#store.write('draft', text || null);
    this.#update({ draft: text });
    if (text.trim()) this.#typing.input();
    else this.#typing.stop();
    this.#suggestFor(text);
  }

  send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.#outbox.add(trimmed);
    this.setDraft('');
    // Writing again starts a new conversation: a rating asked for the closed one is dropped.
    this.#update({ pending: this.#pendingMessages(), csat: null });
    void this.#flush();
  }

  retry(clientId: string): void {
    this.#rejected.delete(clientId);
    this.#update({ pending: this.#pendingMessages() });
    void this.#flush();
  }

  stopTyping(): void {
    this.#typing.stop();
  }

  /** The visitor's rating of the closed conversation (1–5, with an optional comment). */
  async rate(rating: number, comment: string): Promise<void> {
    const csat = this.#current.csat;
    if (!csat || csat.status === 'sending' || csat.status === 'sent') return;
    this.#update({ csat: { ...csat, status: 'sending' } });
    try {
      await this.#client.request('csat:submit', { conversationId: csat.conversationId, rating, comment: comment.trim() });
      this.#update({ csat: { ...csat, status: 'sent' } });
    } catch (error) {
      // Already rated (another tab): as good as sent.
      this.#update({ csat: { ...csat, status: error instanceof ChatError && error.code === 'conflict' ? 'sent' : 'failed' } });
    }
  }

  /** "Talk to a person": asks for an agent, carrying the article the visitor was reading. */
  async requestPerson(articleId?: string): Promise<void> {
    this.#update({ person: 'requesting', view: 'chat' });
    try {
      const data = await this.#client.request('escalation:request-person', articleId ? { articleId } : {});
      this.#update({ person: data.agentsOnline ? 'requested' : 'idle', agentsOnline: data.agentsOnline });
      if (data.agentsOnline) {
        this.events.emit('escalated', { conversationId: data.conversationId, source: 'visitor', ...(articleId && { articleId }) });
      }
    } catch {
      this.#update({ person: 'failed' });
    }
  }

  async submitOffline(form: OfflineFormInput): Promise<void> {
    this.#update({ offlineForm: { status: 'sending' } });
    try {
      await this.#client.request('offline:submit', form);
      this.#update({ offlineForm: { status: 'sent', name: form.name.trim(), email: form.email.trim() } });
    } catch (error) {
      this.#update({ offlineForm: { status: 'failed', message: error instanceof Error ? error.message : String(error) } });
    }
  }

  // ── help ───────────────────────────────────────────────────────────────────────────────

  /** Searches the help articles once the visitor pauses typing. */
  searchHelp(query: string): void {
    this.#updateHelp({ query });
    clearTimeout(this.#searchTimer);
    const trimmed = query.trim();
    if (!trimmed) return this.#updateHelp({ results: null, searching: false, failed: false });
    this.#updateHelp({ searching: true });
    this.#searchTimer = setTimeout(async () => {
      try {
        const { results } = await this.#client.request('kb:search', { query: trimmed, locale: this.#current.locale, limit: 8 });
        if (this.#current.help.query.trim() === trimmed) this.#updateHelp({ results, searching: false, failed: false });
      } catch {
        this.#updateHelp({ searching: false, failed: true });
      }
    }, SEARCH_DEBOUNCE_MS);
  }

  /** Opens the panel on an article of the help view (`openArticle(id)`, a suggestion, a link in a reply). */
  async openArticle(id: string): Promise<void> {
    this.openPanel('help');
    this.#updateHelp({ articleId: id, article: null, failed: false });
    try {
      const article = await this.#client.request('kb:article', { id, locale: this.#current.locale });
      if (this.#current.help.articleId === id) this.#updateHelp({ article });
    } catch {
      if (this.#current.help.articleId === id) this.#updateHelp({ failed: true });
    }
  }

  closeArticle(): void {
    this.#updateHelp({ articleId: null, article: null, failed: false });
  }

  vote(articleId: string, helpful: boolean): void {
    this.#updateHelp({ voted: [...this.#current.help.voted, articleId] });
    this.#client.request('kb:vote', { articleId, helpful }).catch(() => {});
  }

  // ── host page ──────────────────────────────────────────────────────────────────────────

  identify(identity: IdentifyInput): void {
    this.#identity = identity;
    void this.#sendIdentity();
  }

  /** Reports a tracking event now, or after the next sync while the connection is down. */
  track(event: TrackedEventInput): void {
    if (this.#isConnected()) {
      this.#client.notify('track', event);
    } else {
      this.#tracked.push(event);
      this.#tracked.splice(0, this.#tracked.length - MAX_QUEUED_EVENTS);
    }
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────

  #isConnected(): boolean {
    return this.#current.connection.status === 'connected';
  }

  #defaultView(): View {
    return this.#current.stage === 'evaluation' ? 'help' : 'chat';
  }

  #resolveLocale(site: SitePublicInfo | null): LocaleCode {
    const siteLocale = site ? site.locale : this.#store.read('locale');
    const offered = site ? site.locales : (this.#store.read('locales')?.split(',') ?? []);
    return pickLocale([this.#localeOverride, siteLocale, ...this.deps.pageLanguages()], offered);
  }

  #applyLocale(): void {
    const locale = this.#resolveLocale(this.#current.site);
    if (locale === this.#current.locale && this.#current.t) return;
    const request = ++this.#catalogRequest;
    this.deps.loadCatalog(locale).then(
      (catalog) => {
        if (request === this.#catalogRequest) this.#update({ locale, t: (key, vars) => translate(catalog, key, vars) });
      },
      (error: unknown) => console.error('[LifecycleChat] could not load the language', locale, error),
    );
  }

  #suggestFor(text: string): void {
    clearTimeout(this.#suggestTimer);
    const query = text.trim();
    if (query.length < SUGGEST_MIN_CHARS) {
      if (this.#current.suggestions.length) this.#update({ suggestions: [] });
      return;
    }
    this.#suggestTimer = setTimeout(async () => {
      try {
        const { results } = await this.#client.request('kb:search', { query, locale: this.#current.locale, limit: 3, mode: 'suggest' });
        if (this.#current.draft.trim() === query) this.#update({ suggestions: results });
      } catch {
        // Suggestions are a convenience; the visitor can still send.
      }
    }, SUGGEST_DEBOUNCE_MS);
  }

  #updateHelp(patch: Partial<HelpState>): void {
    this.#update({ help: { ...this.#current.help, ...patch } });
  }

  #onConnect(): void {
    this.#online = true;
    clearTimeout(this.#retryTimer);
    void this.#sync();
  }

  #onDisconnect(): void {
    this.#online = false;
    this.#update({
      connection: { status: this.#synced ? 'reconnecting' : 'connecting' },
      agentsTyping: [],
    });
  }

  async #sync(): Promise<void> {
    try {
      const { messages } = this.#current;
      let data = await this.#client.request('visitor:sync', { afterSeq: lastSeq(messages) });
      // The seq we sent belongs to a conversation that has since been replaced: fetch the new one whole.
      if (data.conversationId && messages.length && data.conversationId !== messages.at(-1)?.conversationId) {
        data = await this.#client.request('visitor:sync', { afterSeq: -1 });
      }
      this.#store.write('token', data.token);
      this.#store.write('locale', data.site.locale);
      this.#store.write('locales', data.site.locales.join(',') || null);
      // Stored before the connection dropped but never acked: it may never have reached the agents
      // either. Sending it again is idempotent, and the server delivers it once more.
      const stored = new Set(data.messages.map((m) => m.clientId));
      const unacked = this.#outbox.list().filter((entry) => stored.has(entry.clientId));
      this.#receive(data.messages);
      unacked.forEach(({ clientId, text }) => this.#client.request('message:send', { clientId, text }).catch(() => undefined));
      this.#synced = true;
      this.#update({
        connection: { status: 'connected' },
        site: data.site,
        stage: data.stage,
        agentsOnline: data.agentsOnline,
      });
      this.#applyLocale();
      this.#tracked.splice(0).forEach((event) => this.#client.notify('track', event));
      void this.#sendIdentity();
      void this.#flush();
    } catch (error) {
      const chatError = error instanceof ChatError ? error : new ChatError('internal', String(error));
      if (isRetryableError(chatError)) this.#retryLater(() => this.#sync());
      else this.#update({ connection: { status: 'failed', error: chatError } });
    }
  }

  async #sendIdentity(): Promise<void> {
    const identity = this.#identity;
    if (!identity || !this.#isConnected()) return;
    try {
      await this.#client.request('visitor:identify', identity);
      if (this.#identity === identity) this.#identity = null;
    } catch (error) {
      console.warn('[LifecycleChat] identify was refused', error);
      if (!isRetryableError(error)) this.#identity = null;
    }
  }

  /** Sends the outbox one message at a time, in order, while connected. */
  async #flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      while (this.#isConnected()) {
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
          this.#update({ pending: this.#pendingMessages() });
        }
      }
    } finally {
      this.#flushing = false;
    }
  }

  #receive(incoming: readonly Message[]): void {
    // Our own messages, acked here or echoed from another tab, leave the outbox.
    const stored = new Set(incoming.filter((m) => m.author === 'visitor').map((m) => m.clientId));
    const sent = this.#outbox.remove(stored);
    const known = new Set(this.#current.messages.map((message) => message.id));
    const fresh = incoming.filter((message) => !known.has(message.id));
    if (fresh.length === 0 && !sent) return;
    const agentMessages = fresh.filter((message) => message.author === 'agent');
    const countsAsUnread = this.#synced && !this.#current.open;
    this.#update({
      messages: mergeMessages(this.#current.messages, fresh),
      pending: this.#pendingMessages(),
      agentsTyping: this.#current.agentsTyping.filter((name) => !agentMessages.some((m) => m.authorName === name)),
      unread: this.#current.unread + (countsAsUnread ? agentMessages.length : 0),
    });
    if (this.#synced) fresh.forEach((message) => this.events.emit('message', message));
    this.#markRead();
  }

  /** With the panel open, the visitor sees the latest message: agents get "Seen". */
  #markRead(): void {
    const last = this.#current.messages.at(-1);
    if (!this.#current.open || !last || last.seq <= this.#readSent) return;
    this.#readSent = last.seq;
    this.#client.notify('conversation:read', { seq: last.seq });
  }

  #onTyping({ name, typing }: AgentTyping): void {
    const others = this.#current.agentsTyping.filter((agent) => agent !== name);
    this.#update({ agentsTyping: typing ? [...others, name] : others });
  }

  #onPrompt(prompt: ProactivePrompt): void {
    this.#update({ prompt, agentsOnline: prompt.agentsOnline, person: 'idle' });
    this.openPanel('chat', false);
    this.events.emit('escalated', { conversationId: prompt.conversationId, source: 'proactive', concern: prompt.concern });
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

  #update(patch: Partial<ChatState>): void {
    this.#current = { ...this.#current, ...patch };
    for (const listener of this.#listeners) listener(this.#current);
  }
}
