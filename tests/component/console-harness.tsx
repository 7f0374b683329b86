import { act, render, screen } from '@testing-library/preact';
import { vi } from 'vitest';
import {
  AgentRequestError,
  type AgentConnection,
  type AgentPushName,
  type AgentRequestName,
  type ConnectionStatus,
  type PushPayload,
  type RequestPayload,
  type RequestResult,
} from '../../agent-console/agent-socket';
import type { ConsoleApi } from '../../agent-console/api/auth-api';
import { App } from '../../agent-console/App';
import type { ConversationSummary, Message, User, VisitorProfile } from '../../shared/contract';

/** Fixtures and fakes shared by the console's component tests. */

// ---- fixtures ------------------------------------------------------------------------------------

export const agent: User = { id: 'u1', siteId: 's1', email: 'ada@example.com', name: 'Ada Agent', role: 'agent' };
export const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
export const convId = (n: number) => n.toString(16).padStart(24, '0');

export function summary(n: number, patch: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: convId(n),
    visitorId: `v${n}`,
    visitorName: `Visitor ${n}`,
    status: 'open',
    assigneeId: null,
    lastMessage: { text: `Hello from ${n}`, author: 'visitor', createdAt: minutesAgo(5) },
    waitingSince: null,
    escalation: null,
    priority: 0,
    offline: false,
    unread: 0,
    visitorReadSeq: -1,
    agentReadSeq: -1,
    closeReason: null,
    csat: null,
    createdAt: minutesAgo(30),
    updatedAt: minutesAgo(5),
    ...patch,
  };
}

let seq = 0;
export function message(conversationId: string, patch: Partial<Message> = {}): Message {
  seq += 1;
  return {
    id: `m${seq}`,
    conversationId,
    clientId: `client${seq}xx`,
    seq,
    author: 'visitor',
    authorName: null,
    text: `message ${seq}`,
    createdAt: minutesAgo(1),
    ...patch,
  };
}

export function visitor(n: number): VisitorProfile {
  return { id: `v${n}`, name: `Visitor ${n}`, email: null, firstSeenAt: minutesAgo(60), lastSeenAt: minutesAgo(1) };
}

// ---- fakes ---------------------------------------------------------------------------------------

export type Handler<E extends AgentRequestName> = (payload: RequestPayload<E>) => RequestResult<E> | Promise<RequestResult<E>>;
export type Handlers = { [E in AgentRequestName]?: Handler<E> };

/** An in-memory `/agent` connection: scripted answers, recorded requests, pushes on demand. */
export class FakeConnection implements AgentConnection {
  requests: Array<{ event: AgentRequestName; payload: unknown }> = [];
  closed = false;
  private current: ConnectionStatus;
  private readonly pushListeners = new Map<string, Set<(payload: never) => void>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();

  constructor(
    public handlers: Handlers = {},
    status: ConnectionStatus = 'connected',
  ) {
    this.current = status;
  }

  status(): ConnectionStatus {
    return this.current;
  }

  async request<E extends AgentRequestName>(event: E, payload: RequestPayload<E>): Promise<RequestResult<E>> {
    this.requests.push({ event, payload });
    if (this.current !== 'connected') throw new AgentRequestError('disconnected', 'Not connected to the server.');
    type Loose = (payload: RequestPayload<E>) => RequestResult<E> | Promise<RequestResult<E>>;
    const handler = (this.handlers[event] ?? defaultHandlers[event]) as Loose | undefined;
    if (!handler) throw new AgentRequestError('internal', `no handler for ${event}`);
    return handler(payload);
  }

  on<E extends AgentPushName>(event: E, listener: (payload: PushPayload<E>) => void): () => void {
    const set = this.pushListeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.pushListeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
  }

  push<E extends AgentPushName>(event: E, payload: PushPayload<E>): void {
    act(() => {
      for (const listener of this.pushListeners.get(event) ?? []) (listener as (p: PushPayload<E>) => void)(payload);
    });
  }

  setStatus(status: ConnectionStatus): void {
    act(() => {
      this.current = status;
      for (const listener of this.statusListeners) listener(status);
    });
  }

  sent<E extends AgentRequestName>(event: E): Array<RequestPayload<E>> {
    return this.requests.filter((r) => r.event === event).map((r) => r.payload as RequestPayload<E>);
  }
}

export const defaultHandlers: { [E in AgentRequestName]?: (payload: never) => unknown } = {
  'conversations:list': () => ({ conversations: [] }),
  'conversation:leave': () => null,
  'typing:set': () => null,
  'visitor:context': ({ visitorId }: RequestPayload<'visitor:context'>) => ({
    visitorId,
    stage: 'awareness',
    timeline: [],
    intent: { score: 0, reasons: [] },
    hesitation: null,
    cart: { items: 0, value: 0, currency: 'EUR' },
    pages: [],
    orders: [],
    identified: false,
    conversations: [],
  }),
};

export function fakeApi(user: User | null = agent): ConsoleApi & { signIn: ReturnType<typeof vi.fn> } {
  return {
    me: vi.fn(async () => user),
    signIn: vi.fn(async () => agent),
    signOut: vi.fn(async () => {}),
  };
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** Renders the whole console signed in, with a fake connection. */
export async function renderSignedIn(handlers: Handlers = {}) {
  const connection = new FakeConnection(handlers);
  const api = fakeApi();
  render(<App api={api} connect={() => connection} />);
  await screen.findByRole('button', { name: 'Sign out' });
  return { connection, api };
}

export function openConversationHandler(
  conversations: Record<string, { summary: ConversationSummary; messages: Message[] }>,
): Handler<'conversation:open'> {
  return ({ conversationId }) => {
    const found = conversations[conversationId];
    if (!found) throw new AgentRequestError('not_found', 'Conversation not found.');
    const n = Number.parseInt(conversationId, 16);
    return {
      conversation: found.summary,
      visitor: { ...visitor(n), name: found.summary.visitorName },
      messages: found.messages,
    };
  };
}

export function sendHandler(): Handler<'message:send'> {
  return ({ conversationId, clientId, text }) => ({
    message: message(conversationId, { clientId, text, author: 'agent', authorName: agent.name }),
  });
}
