// The widget never loses the visitor: when to expect a reply, the inline email step, and what
// outlives a page load (the unread count, the open panel, the last message seen).
import type { Store } from '../../shared/client/store';
import type { Message, ReplyExpectation } from '../../shared/contract';
import type { OutboxEntry } from './outbox';
import type { SiteStore } from './site-store';
import type { ChatCoreState } from './chat/chat-core';
import type { SyncResult } from './chat-client';

export interface ContinuityState {
  expectation: ReplyExpectation;
  /** The visitor's stored address; null until given (here or by the host page's `identify`). */
  email: string | null;
  emailPromptMinutes: number;
  /**
   * The email step: `asking` once the visitor's message waits and no agent is online, or none answered
   * in time; `saved` confirms the address given.
   */
  emailStep: 'hidden' | 'asking' | 'saved';
  /** The visitor declined the email step ("Not now"): not asked again on this page. */
  emailDeclined: boolean;
}

type Watched = ContinuityState & Pick<ChatCoreState, 'agentsOnline' | 'messages' | 'pending'>;

/** When the visitor's oldest message still without an agent reply was written (ms), else null. */
export function waitingSince(messages: readonly Message[], pending: readonly Pick<OutboxEntry, 'createdAt'>[]): number | null {
  let since: string | undefined;
  for (let i = messages.length - 1; i >= 0 && messages[i]!.author !== 'agent'; i--) {
    if (messages[i]!.author === 'visitor') since = messages[i]!.createdAt;
  }
  since ??= pending[0]?.createdAt;
  return since ? Date.parse(since) : null;
}

/** The moment the email step is due (ms; 0: now), or null while it is not to be asked. */
export function emailDueAt(state: Watched): number | null {
  const since = state.email || state.emailDeclined ? null : waitingSince(state.messages, state.pending);
  if (since === null) return null;
  return state.agentsOnline ? since + state.emailPromptMinutes * 60_000 : 0;
}

/** Agent messages after the last position seen (`<conversation id>:<seq>`, as stored). */
export function unseen(messages: readonly Message[], seen: string | null): number {
  const [conversationId, seq] = (seen ?? '').split(':');
  return messages.filter((m) => m.author === 'agent' && (m.conversationId !== conversationId || m.seq > Number(seq))).length;
}

export function createContinuity(store: Store<Watched>, siteStore: SiteStore, now: () => number = Date.now) {
  store.set({ expectation: null, email: null, emailPromptMinutes: 0, emailStep: 'hidden', emailDeclined: false });
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Shows the email step once it is due, waking up when it will be. */
  const review = (): void => {
    clearTimeout(timer);
    const { emailStep } = store.get();
    const due = emailDueAt(store.get());
    const step = due !== null && due <= now() ? 'asking' : 'hidden';
    if (emailStep !== 'saved' && step !== emailStep) store.set({ emailStep: step });
    if (due !== null && step === 'hidden') timer = setTimeout(review, due - now());
  };

  return {
    start(): () => void {
      const stop = store.subscribe(review);
      return () => {
        stop();
        clearTimeout(timer);
      };
    },
    synced(data: SyncResult): void {
      store.set({ expectation: data.expectation, email: data.email, emailPromptMinutes: data.emailPromptMinutes });
    },
    /** The email step stored the address (`visitor:contact`). */
    emailSaved: (email: string) => store.set({ email, emailStep: 'saved' }),
    declineEmail: () => store.set({ emailDeclined: true }),
    /** Writes `value` under `key` unless it is stored already. */
    remember(key: 'panel' | 'unread' | 'seen', value: string | null): void {
      if (siteStore.read(key) !== value) siteStore.write(key, value);
    },
  };
}
