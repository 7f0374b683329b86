// A ChatSession on a fake ChatClient, rendered as main.tsx renders it: the test plays the server.
import { act, render } from '@testing-library/preact';
import { vi } from 'vitest';
import type { Message } from '../../shared/contract';
import { loadCatalog } from '../../shared/i18n/load-catalog';
import type { AckData, ChatClient, ChatClientEvents, Payload, RequestName, SyncResult } from '../../widget/app/chat-client';
import { type ChatSession, createChatSession } from '../../widget/app/chat-session';
import { ChatWidget } from '../../widget/app/ChatWidget';
import { Emitter } from '../../widget/app/emitter';
import { createSiteStore } from '../../widget/app/site-store';

export const SITE_KEY = 'pk_test_site';
export const OUTBOX_KEY = `lifecycle-chat:${SITE_KEY}:outbox`;

interface PendingRequest<E extends RequestName = RequestName> {
  event: E;
  payload: Payload<E>;
  resolve(data: AckData<E>): void;
  reject(error: unknown): void;
}

/** A ChatClient driven by the test: it records requests and notifications, and the test answers them. */
export class FakeChatClient implements ChatClient {
  private readonly events = new Emitter<ChatClientEvents>();
  readonly requests: PendingRequest[] = [];
  readonly notified: { event: RequestName; payload: unknown }[] = [];
  readonly connect = vi.fn();
  readonly disconnect = vi.fn();

  on<E extends keyof ChatClientEvents>(event: E, listener: (...args: ChatClientEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  request<E extends RequestName>(event: E, payload: Payload<E>): Promise<AckData<E>> {
    return new Promise((resolve, reject) => this.requests.push({ event, payload, resolve, reject } as unknown as PendingRequest));
  }

  notify<E extends RequestName>(event: E, payload: Payload<E>): void {
    this.notified.push({ event, payload });
  }

  /** Requests of one event not answered yet, oldest first. */
  pending<E extends RequestName>(event: E): PendingRequest<E>[] {
    return this.requests.filter((r) => r.event === event) as unknown as PendingRequest<E>[];
  }

  /** Removes and returns the oldest unanswered request of `event`. */
  take<E extends RequestName>(event: E): PendingRequest<E> {
    const index = this.requests.findIndex((r) => r.event === event);
    if (index < 0) throw new Error(`no pending "${event}" request`);
    return this.requests.splice(index, 1)[0] as unknown as PendingRequest<E>;
  }

  async answer<E extends RequestName>(event: E, data: AckData<E>): Promise<PendingRequest<E>> {
    const request = this.take(event);
    await act(async () => request.resolve(data));
    return request;
  }

  async fail<E extends RequestName>(event: E, error: unknown): Promise<PendingRequest<E>> {
    const request = this.take(event);
    await act(async () => request.reject(error));
    return request;
  }

  /** Server-side push or transport event. */
  push<E extends keyof ChatClientEvents>(event: E, ...args: ChatClientEvents[E]): void {
    act(() => this.events.emit(event, ...args));
  }

  /** Connects and answers the resulting visitor:sync. */
  async connectAndSync(messages: Message[] = [], patch: Partial<SyncResult> = {}): Promise<void> {
    this.push('connect');
    await this.answer('visitor:sync', syncResult(messages, patch));
  }

  /** Acknowledges the oldest unanswered message:send as stored. */
  async ackSend(seq: number): Promise<Message> {
    const request = this.take('message:send');
    const stored = message({ seq, author: 'visitor', authorName: null, clientId: request.payload.clientId, text: request.payload.text });
    await act(async () => request.resolve({ message: stored }));
    return stored;
  }
}

export function syncResult(messages: Message[], patch: Partial<SyncResult> = {}): SyncResult {
  return {
    visitorId: 'v1',
    token: 'signed-token',
    site: { name: 'Acme Support', greeting: 'Hi there! How can we help?', locale: null, locales: [] },
    conversationId: messages.length ? 'c1' : null,
    messages,
    stage: 'awareness',
    agentsOnline: true,
    expectation: null,
    email: null,
    emailPromptMinutes: 2,
    ...patch,
  };
}

export function message(patch: Partial<Message> & Pick<Message, 'seq'>): Message {
  return {
    id: `m${patch.seq}`,
    conversationId: 'c1',
    clientId: `client-${patch.seq}-xyz`,
    author: 'agent',
    authorName: 'Ana',
    text: `message ${patch.seq}`,
    createdAt: '2025-01-01T10:00:00.000Z',
    ...patch,
  };
}

export interface Mounted {
  client: FakeChatClient;
  session: ChatSession;
  unmount(): void;
}

/**
 * Starts a session as main.tsx does and renders it on every change. Resolves once the language
 * catalog has loaded; `open` opens the panel as the visitor would.
 */
export async function mountWidget(
  options: { open?: boolean; languages?: string[]; client?: FakeChatClient; resuming?: boolean } = {},
): Promise<Mounted> {
  const client = options.client ?? new FakeChatClient();
  const session = createChatSession({
    siteKey: SITE_KEY,
    client,
    store: createSiteStore(SITE_KEY),
    loadCatalog,
    pageLanguages: () => options.languages ?? ['en-GB'],
    resuming: options.resuming ?? false,
  });
  const view = render(<ChatWidget state={session.state} session={session} />);
  const unsubscribe = session.subscribe((state) => view.rerender(<ChatWidget state={state} session={session} />));
  await act(async () => {
    session.start();
    await vi.waitFor(() => {
      if (!session.state.t) throw new Error('catalog not loaded');
    });
  });
  if (options.open ?? true) act(() => session.openPanel());
  return {
    client,
    session,
    unmount() {
      act(() => session.dispose());
      unsubscribe();
      view.unmount();
    },
  };
}
