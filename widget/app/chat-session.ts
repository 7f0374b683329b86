// The widget's parts put together behind one object the views and the host page talk to. They share
// one store, each part owning its slice of the state. The Preact views only render that state and
// call these methods.
import { createStore } from '../../shared/client/store';
import type { Message } from '../../shared/contract';
import type { LocaleCode } from '../../shared/i18n/locales';
import type { Catalog } from '../../shared/i18n/translate';
import { type ChatCoreState, createChatCore, loadMasker } from './chat/chat-core';
import { createTypingThrottle } from '../../shared/client/typing-throttle';
import type { ChatClient } from './chat-client';
import { type ContinuityState, createContinuity, unseen } from './continuity';
import { type CsatState, createCsat } from './csat';
import { createResume, type ResumeState } from './resume/resume';
import { Emitter } from './emitter';
import { createEscalation, type EscalatedDetail, type EscalationState } from './escalation';
import type { ConsentWait } from './consent/consent';
import type { Upload } from './files/uploads';
import { createHelp, type HelpSlice } from './help/help';
import { createLocale, type LocaleState } from './locale';
import type { SiteStore } from './site-store';
import { createVisitorReports } from './tracking/visitor-reports';

export type View = 'chat' | 'help' | 'history';
const VIEWS: readonly string[] = ['chat', 'help', 'history'] satisfies View[];

export interface PanelState {
  open: boolean;
  /** True when the visitor opened the panel (focus moves into it); false when a proactive prompt did. */
  openedByVisitor: boolean;
  view: View;
  /** Agent messages that arrived while the panel was closed (kept across page loads). */
  unread: number;
  /** On a phone a proactive prompt waits as a small bubble above the launcher instead of opening the panel (hidden while it is open, gone once it closes). */
  teaser: boolean;
}

export type ChatState = ChatCoreState &
  PanelState & { draft: string } & LocaleState &
  HelpSlice &
  EscalationState & { csat: CsatState | null; resume: ResumeState } & ContinuityState & {
    /** Files the visitor is sending or that were refused (set by the files chunk). */
    uploads?: readonly Upload[];
    /** Set while the widget waits for the visitor's consent (consent mode, ./consent): it stores and sends nothing. */
    consent?: ConsentWait;
  };

/** What the host page can listen to with `LifecycleChat('on', name, fn)`. */
export interface WidgetEvents {
  message: [message: Message];
  open: [];
  close: [];
  escalated: [detail: EscalatedDetail];
}

/** Eight digits or more, spaces and dashes between them allowed. */
const LONG_NUMBER = /(?:\d[ -]?){8}/;

/** `typing: true` is re-sent this often while the visitor types, and `false` follows this long after the last key. */
const TYPING_REFRESH_MS = 3000;
const TYPING_IDLE_MS = 5000;

export interface SessionDeps {
  siteKey: string;
  client: ChatClient;
  store: SiteStore;
  loadCatalog(locale: LocaleCode): Promise<Catalog>;
  /** Language tags of the page (`<html lang>`) and then the browser, most preferred first. */
  pageLanguages(): readonly string[];
  /** The page was opened from a "continue the conversation" link, whose token the client presents. */
  resuming?: boolean;
}

/** The widget: its parts wired together, their shared state, and what the views and the host page may call. */
export function createChatSession(deps: SessionDeps) {
  const { client } = deps;
  const events = new Emitter<WidgetEvents>();
  // The panel's and the draft's state is the session's own; each part sets its slice as it is created below.
  const store = createStore({
    open: false,
    openedByVisitor: false,
    view: 'chat',
    unread: Number(deps.store.read('unread')) || 0,
    teaser: false,
    draft: deps.store.read('draft') ?? '',
  } as ChatState);
  const locale = () => store.get().locale;
  const isOpen = () => store.get().open;
  const widgetLocale = createLocale(store, deps);
  // At once, not on connecting: a widget waiting for consent shows its notice in the visitor's language.
  widgetLocale.apply();
  const typing = createTypingThrottle({
    report: (typing) => client.notify('typing:set', { typing }),
    refreshMs: TYPING_REFRESH_MS,
    idleMs: TYPING_IDLE_MS,
  });
  const help = createHelp(store, client, locale);
  const csat = createCsat(store, client);
  const resume = createResume(store, client, deps.resuming ?? false);
  const continuity = createContinuity(store, deps.store);
  let firstSync = true;
  const core = createChatCore(store, {
    client,
    store: deps.store,
    isVisible: isOpen,
    synced(data) {
      widgetLocale.setSite(data.site);
      continuity.synced(data);
      // Replies that came while the visitor was on another page or away count on the badge.
      if (firstSync && !isOpen()) store.set({ unread: unseen(store.get().messages, deps.store.read('seen')) });
      firstSync = false;
      reports.flush();
    },
    received(messages) {
      const unread = messages.filter((message) => message.author === 'agent').length;
      if (unread && !isOpen()) store.set((state) => ({ unread: state.unread + unread }));
      for (const message of messages) events.emit('message', message);
    },
  });
  const reports = createVisitorReports(client, core.isConnected);
  const escalation = createEscalation(store, {
    client,
    // Below 600 px (a phone) the panel would cover the page, a checkout form too: a teaser offers it instead.
    showPrompt: () => (!isOpen() && innerWidth < 600 ? store.set({ teaser: true }) : openPanel('chat', false)),
    escalated: (detail) => events.emit('escalated', detail),
  });
  /** What the chunks that act on the session (./files, ./consent) work with. */
  const parts = {
    store,
    deps,
    core,
  };
  /** Undone by `dispose`: the parts' subscriptions to the client and to the state. */
  const stops: (() => void)[] = [];

  /** Opens the panel; without a view, evaluation-stage visitors see help first, everyone else the chat. */
  const openPanel = (view?: View, byVisitor = true): void => {
    const { open: wasOpen, openedByVisitor, view: shown, stage } = store.get();
    store.set({
      open: true,
      openedByVisitor: byVisitor || (wasOpen && openedByVisitor),
      view: view ?? (wasOpen ? shown : stage === 'evaluation' ? 'help' : 'chat'),
      unread: 0,
    });
    if (!wasOpen) events.emit('open');
    core.markRead();
  };

  const setDraft = (text: string): void => {
    // A draft with a long number may hold a card number or an IBAN: kept in memory only, and the masking loads now for its send.
    const longNumber = LONG_NUMBER.test(text);
    if (longNumber) void loadMasker().catch(() => undefined);
    deps.store.write('draft', longNumber ? null : text || null);
    store.set({ draft: text });
    if (text.trim()) typing.input();
    else typing.stop();
    help.suggestFor(text);
  };

  return {
    events,
    get state(): ChatState {
      return store.get();
    },
    subscribe: (listener: (state: ChatState) => void): (() => void) => store.subscribe(() => listener(store.get())),

    /** Connects and runs every part; once until `dispose`. */
    start(): void {
      if (stops.length) return;
      stops.push(resume.start(), core.start(), csat.start(), escalation.start(), continuity.start());
      // What outlives the page: a panel left open opens again (without taking focus), the badge, the last message seen.
      const view = deps.store.read('panel');
      if (view) openPanel(VIEWS.includes(view) ? (view as View) : 'chat', false);
      stops.push(
        store.subscribe(() => {
          const { open, view, unread, messages } = store.get();
          const last = messages.at(-1);
          continuity.remember('panel', open ? view : null);
          continuity.remember('unread', unread ? String(unread) : null);
          if (open && last) continuity.remember('seen', `${last.conversationId}:${last.seq}`);
        }),
      );
      client.connect();
    },

    /** Undoes `start`: disconnected, no part running (the views stay subscribed). */
    dispose(): void {
      typing.stop();
      for (const stop of stops.splice(0)) stop();
      help.dispose();
      client.disconnect();
    },

    // ── panel ────────────────────────────────────────────────────────────────────────────

    openPanel,
    /** Closes the panel, or dismisses a teaser. */
    close(): void {
      store.set({ teaser: false });
      if (!isOpen()) return;
      typing.stop();
      store.set({ open: false });
      events.emit('close');
    },
    showView: (view: View) => store.set({ view }),
    /** `setLocale()` of the host page; null goes back to the usual order. */
    setLocale: widgetLocale.setOverride,

    // ── chat ─────────────────────────────────────────────────────────────────────────────

    setDraft,
    send(text: string): void {
      const trimmed = text.trim();
      if (!trimmed) return;
      setDraft('');
      csat.dismiss();
      core.send(trimmed);
    },
    retry: core.retry,
    parts,
    /** A drop, paste or file input change: its files (if any) are checked, sent and shown by their own chunk. */
    attach(event: Event): void {
      const { dataTransfer, clipboardData, target } = event as DragEvent & ClipboardEvent & { target: HTMLInputElement };
      const picked = [...((dataTransfer ?? clipboardData ?? target).files ?? [])];
      if (picked[0]) {
        event.preventDefault();
        void import('./files/files').then((m) => m.attach(parts, picked, target));
      }
    },
    /** The visitor left the field. */
    stopTyping: typing.stop,
    rate: csat.rate,
    /** "Talk to a person": asks for an agent, carrying the article the visitor was reading. */
    requestPerson(articleId?: string): Promise<void> {
      store.set({ view: 'chat' });
      return escalation.requestPerson(articleId);
    },
    /** A request of a lazily loaded view (the email step, the conversation list). */
    request: client.request.bind(client) as ChatClient['request'],
    emailSaved: continuity.emailSaved,
    declineEmail: continuity.declineEmail,
    /** Leaves a closed conversation behind: the chat starts empty, and the next message starts a new conversation. */
    startNew(): void {
      csat.dismiss();
      store.set({ messages: [], readByAgent: -1, view: 'chat' });
    },

    // ── help ─────────────────────────────────────────────────────────────────────────────

    searchHelp: help.search,
    /** Opens the panel on an article of the help view (`openArticle(id)`, a suggestion, a link in a reply). */
    openArticle(id: string): Promise<void> {
      openPanel('help');
      return help.open(id);
    },
    closeArticle: help.close,
    vote: help.vote,

    // ── host page ────────────────────────────────────────────────────────────────────────

    identify: reports.identify,
    /** Reports a tracking event now, or after the next sync while the connection is down. */
    track: reports.track,
  };
}

export type ChatSession = ReturnType<typeof createChatSession>;
/** The session's state, dependencies and conversation core, for the chunks that act on it. */
export type SessionParts = ChatSession['parts'];
