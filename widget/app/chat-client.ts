// The connection seen by the rest of the app. Views and the session depend on this interface
// only, so tests can drive them with a fake.
import type { ErrorCode, Message, VisitorClientToServer, VisitorServerToClient } from '../../shared/contract';

type AckData<E extends keyof VisitorClientToServer> = Extract<
  Parameters<Parameters<VisitorClientToServer[E]>[1]>[0],
  { ok: true }
>['data'];

export type SyncResult = AckData<'visitor:sync'>;
export type AgentTyping = Parameters<VisitorServerToClient['typing:changed']>[0];

export class ChatError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ChatError';
  }
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
}

export interface ChatClient {
  on<E extends keyof ChatClientEvents>(event: E, listener: (...args: ChatClientEvents[E]) => void): () => void;
  connect(): void;
  disconnect(): void;
  /** Rejects with a ChatError. */
  sync(afterSeq: number): Promise<SyncResult>;
  /** Rejects with a ChatError; code 'unavailable' when it may succeed later. */
  send(clientId: string, text: string): Promise<Message>;
  /** Fire-and-forget; dropped while offline. */
  setTyping(typing: boolean): void;
}
