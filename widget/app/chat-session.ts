// The widget's parts put together behind one object the views and the host page talk to. Each part
// keeps its own state in a store; `state` is their union, and changes whenever one of them does.
// The Preact views only render that state and call these methods.
import type { Store } from '../../shared/client/store';
import type { Message } from '../../shared/contract';
import type { LocaleCode } from '../../shared/i18n/locales';
import type { Catalog } from '../../shared/i18n/translate';
import type { ChatClient, TrackedEventInput } from './chat-client';
import { ChatCore, type ChatCoreState } from './chat/chat-core';
import { Draft, type DraftState } from './chat/draft';
import { Csat, type CsatState } from './csat';
import { Emitter } from './emitter';
import { type EscalatedDetail, Escalation, type EscalationState } from './escalation';
import { type HelpState, HelpArticles } from './help/help-articles';
import { Suggestions, type SuggestionsState } from './help/suggestions';
import { Identity, type IdentifyInput } from './identity';
import { type LocaleState, WidgetLocale } from './locale';
import { OfflineFormSubmission, type OfflineFormInput, type OfflineFormState } from './offline-form';
import { Panel, type PanelState, type View } from './panel';
import type { SiteStore } from './site-store';
import { TrackingQueue } from './tracking/tracking-queue';

export type ChatState = ChatCoreState &
  PanelState &
  LocaleState &
  DraftState &
  SuggestionsState &
  EscalationState & {
    help: HelpState;
    csat: CsatState | null;
    offlineForm: OfflineFormState;
  };

/** What the host page can listen to with `LifecycleChat('on', name, fn)`. */
export interface WidgetEvents {
  message: [message: Message];
  open: [];
  close: [];
  escalated: [detail: EscalatedDetail];
}

export interface SessionDeps {
  client: ChatClient;
  store: SiteStore;
  loadCatalog(locale: LocaleCode): Promise<Catalog>;
  /** Language tags of the page (`<html lang>`) and then the browser, most preferred first. */
  pageLanguages(): readonly string[];
}

export class ChatSession {
  readonly events = new Emitter<WidgetEvents>();
  readonly #client: ChatClient;
  readonly #core: ChatCore;
  readonly #panel = new Panel();
  readonly #locale: WidgetLocale;
  readonly #draft: Draft;
  readonly #help: HelpArticles;
  readonly #suggestions: Suggestions;
  readonly #csat: Csat;
  readonly #offlineForm: OfflineFormSubmission;
  readonly #escalation: Escalation;
  readonly #identity: Identity;
  readonly #tracking: TrackingQueue;
  readonly #listeners = new Set<(state: ChatState) => void>();
  readonly #stops: (() => void)[] = [];
  #state: ChatState | null = null;

  constructor(deps: SessionDeps) {
    const client = (this.#client = deps.client);
    this.#core = new ChatCore({ client, store: deps.store, isVisible: () => this.#panel.isOpen() });
    const isConnected = () => this.#core.isConnected();
    const locale = () => this.#locale.locale;
    this.#locale = new WidgetLocale(deps);
    this.#draft = new Draft(client, deps.store);
    this.#help = new HelpArticles(client, locale);
    this.#suggestions = new Suggestions(client, locale);
    this.#csat = new Csat(client);
    this.#offlineForm = new OfflineFormSubmission(client);
    this.#escalation = new Escalation({
      client,
      setAgentsOnline: (online) => this.#core.setAgentsOnline(online),
      showPrompt: () => this.openPanel('chat', false),
      escalated: (detail) => this.events.emit('escalated', detail),
    });
    this.#identity = new Identity(client, isConnected);
    this.#tracking = new TrackingQueue(client, isConnected);
    const stores: Store<object>[] = [
      this.#core.store,
      this.#panel.store,
      this.#locale.store,
      this.#draft.store,
      this.#help.store,
      this.#suggestions.store,
      this.#csat.store,
      this.#offlineForm.store,
      this.#escalation.store,
    ];
    for (const store of stores) {
      store.subscribe(() => {
        this.#state = null;
        for (const listener of [...this.#listeners]) listener(this.state);
      });
    }
  }

  /** The union of the parts' states; the same object until one of them changes. */
  get state(): ChatState {
    this.#state ??= {
      ...this.#core.store.get(),
      ...this.#panel.store.get(),
      ...this.#locale.store.get(),
      ...this.#draft.store.get(),
      ...this.#suggestions.store.get(),
      ...this.#escalation.store.get(),
      ...this.#csat.store.get(),
      ...this.#offlineForm.store.get(),
      help: this.#help.store.get(),
    };
    return this.#state;
  }

  /** For `useStore(session)`: the union as one readable store. */
  readonly get = (): ChatState => this.state;

  readonly subscribe = (listener: (state: ChatState) => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  start(): void {
    this.#stops.push(
      this.#core.start(),
      this.#core.events.on('synced', (site) => {
        this.#locale.setSite(site);
        this.#tracking.flush();
        void this.#identity.send();
      }),
      this.#core.events.on('received', (messages) => {
        this.#panel.countUnread(messages.filter((message) => message.author === 'agent').length);
        for (const message of messages) this.events.emit('message', message);
      }),
      this.#csat.start(),
      this.#escalation.start(),
    );
    this.#locale.apply();
    this.#client.connect();
  }

  dispose(): void {
    this.#draft.stopTyping();
    for (const stop of this.#stops.splice(0)) stop();
    this.#help.dispose();
    this.#suggestions.dispose();
    this.#client.disconnect();
    this.#listeners.clear();
  }

  // ── panel ──────────────────────────────────────────────────────────────────────────────

  /** Opens the panel; without a view, evaluation-stage visitors see help first, everyone else the chat. */
  openPanel(view?: View, byVisitor = true): void {
    const opened = this.#panel.open(view, byVisitor, () => (this.#core.store.get().stage === 'evaluation' ? 'help' : 'chat'));
    if (opened) this.events.emit('open');
    this.#core.markRead();
  }

  close(): void {
    if (!this.#panel.isOpen()) return;
    this.#draft.stopTyping();
    this.#panel.close();
    this.events.emit('close');
  }

  showView(view: View): void {
    this.#panel.show(view);
  }

  /** `setLocale()` of the host page; null goes back to the usual order. */
  setLocale(tag: string | null): void {
    this.#locale.setOverride(tag);
  }

  // ── chat ───────────────────────────────────────────────────────────────────────────────

  setDraft(text: string): void {
    this.#draft.setDraft(text);
    this.#suggestions.suggestFor(text);
  }

  send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.setDraft('');
    this.#csat.dismiss();
    this.#core.send(trimmed);
  }

  retry(clientId: string): void {
    this.#core.retry(clientId);
  }

  stopTyping(): void {
    this.#draft.stopTyping();
  }

  rate(rating: number, comment: string): Promise<void> {
    return this.#csat.rate(rating, comment);
  }

  /** "Talk to a person": asks for an agent, carrying the article the visitor was reading. */
  requestPerson(articleId?: string): Promise<void> {
    this.#panel.show('chat');
    return this.#escalation.requestPerson(articleId);
  }

  submitOffline(form: OfflineFormInput): Promise<void> {
    return this.#offlineForm.submit(form);
  }

  // ── help ───────────────────────────────────────────────────────────────────────────────

  searchHelp(query: string): void {
    this.#help.search(query);
  }

  /** Opens the panel on an article of the help view (`openArticle(id)`, a suggestion, a link in a reply). */
  openArticle(id: string): Promise<void> {
    this.openPanel('help');
    return this.#help.open(id);
  }

  closeArticle(): void {
    this.#help.close();
  }

  vote(articleId: string, helpful: boolean): void {
    this.#help.vote(articleId, helpful);
  }

  // ── host page ──────────────────────────────────────────────────────────────────────────

  identify(identity: IdentifyInput): void {
    this.#identity.identify(identity);
  }

  /** Reports a tracking event now, or after the next sync while the connection is down. */
  track(event: TrackedEventInput): void {
    this.#tracking.track(event);
  }
}
