// The connection seen by the rest of the app. Views and the session depend on this interface
// only, so tests can drive them with a fake.
import { isRetryable } from '../../shared/client/retryable';
import type { ErrorCode, Message, VisitorClientToServer, VisitorServerToClient } from '../../shared/contract';

export type RequestName = keyof VisitorClientToServer;
export type Payload<E extends RequestName> = Parameters<VisitorClientToServer[E]>[0];
export type AckData<E extends RequestName> = Extract<Parameters<Parameters<VisitorClientToServer[E]>[1]>[0], { ok: true }>['data'];
export type Push<E extends keyof VisitorServerToClient> = Parameters<VisitorServerToClient[E]>[0];

export type SyncResult = AckData<'visitor:sync'>;
export type AgentTyping = Push<'typing:changed'>;
export type ProactivePrompt = Push<'proactive:prompt'>;
export type TrackedEventInput = Payload<'track'>;
export type Stage = SyncResult['stage'];

export class ChatError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ChatError';
  }
}

/** Whether a failed request may succeed if sent again later; anything but a ChatError is a transport failure. */
export function isRetryableError(error: unknown): boolean {
  return !(error instanceof ChatError) || isRetryable(error.code);
}

export interface ChatClientEvents {
  /** The transport is (re)connected; the session syncs next. */
  connect: [];
  /** The transport dropped and is retrying. */
  disconnect: [];
  /** Connecting failed for good (e.g. unknown site); no retry follows. */
  fail: [error: ChatError];
  message: [message: Message];
  typing: [event: AgentTyping];
  prompt: [prompt: ProactivePrompt];
  stage: [stage: Stage];
  availability: [online: boolean];
  /** An agent closed the conversation: time to ask for a rating. */
  closed: [conversationId: string];
  /** An agent has read the conversation up to this position. */
  read: [seq: number];
  /** The "continue the conversation" link opened its conversation (null), or was refused. */
  resume: [error: ChatError | null];
}

export interface ChatClient {
  on<E extends keyof ChatClientEvents>(event: E, listener: (...args: ChatClientEvents[E]) => void): () => void;
  connect(): void;
  disconnect(): void;
  /** Sends a request and resolves with its data; rejects with a ChatError (see `isRetryableError`). */
  request<E extends RequestName>(event: E, payload: Payload<E>): Promise<AckData<E>>;
  /** Fire-and-forget while connected (typing, tracking); dropped while offline. */
  notify<E extends RequestName>(event: E, payload: Payload<E>): void;
}
