import { io, type Socket } from 'socket.io-client';
import { isRetryable, type TransportErrorCode } from '../shared/client/retryable';
import type { Ack, AgentClientToServer, AgentServerToClient, ErrorCode } from '../shared/contract';
import { AGENT_NAMESPACE } from '../shared/contract/constants';

export type AgentRequestName = keyof AgentClientToServer;
export type RequestPayload<E extends AgentRequestName> = Parameters<AgentClientToServer[E]>[0];
type AckOf<E extends AgentRequestName> = Parameters<Parameters<AgentClientToServer[E]>[1]>[0];
export type RequestResult<E extends AgentRequestName> = Extract<AckOf<E>, { ok: true }>['data'];

export type AgentPushName = keyof AgentServerToClient;
export type PushPayload<E extends AgentPushName> = Parameters<AgentServerToClient[E]>[0];

/**
 * - connecting: first attempt under way
 * - connected
 * - reconnecting: the link dropped or an attempt failed; retrying on its own
 * - unauthorized: the server refused the session (signed out / expired); no more retries
 * - closed: `close()` was called
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized' | 'closed';

/** Contract error codes plus the failures of the transport itself. */
export type RequestErrorCode = ErrorCode | TransportErrorCode;

export class AgentRequestError extends Error {
  readonly code: RequestErrorCode;

  constructor(code: RequestErrorCode, message: string) {
    super(message);
    this.name = 'AgentRequestError';
    this.code = code;
  }
}

/** Whether sending the same request again later may succeed; a failure that is not the server's answer may. */
export function isRetryableError(error: unknown): boolean {
  return !(error instanceof AgentRequestError) || isRetryable(error.code);
}

/** What the console needs from the `/agent` namespace; the views and store only see this. */
export interface AgentConnection {
  status(): ConnectionStatus;
  /** Emits a request and resolves with the ack's `data`; rejects with `AgentRequestError`. */
  request<E extends AgentRequestName>(event: E, payload: RequestPayload<E>): Promise<RequestResult<E>>;
  /** Listens to a server push; returns the unsubscribe function. */
  on<E extends AgentPushName>(event: E, listener: (payload: PushPayload<E>) => void): () => void;
  /** Called on every status change; returns the unsubscribe function. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

export interface AgentSocketOptions {
  /** Origin of the server; same origin when omitted. */
  url?: string;
  ackTimeoutMs?: number;
}

/** The loosely typed view of the socket used where one generic call covers every event. */
interface LooseSocket {
  emitWithAck(event: string, payload: unknown): Promise<unknown>;
  on(event: string, listener: (payload: never) => void): unknown;
  off(event: string, listener: (payload: never) => void): unknown;
}

export function connectAgentSocket(options: AgentSocketOptions = {}): AgentConnection {
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  const socket: Socket<AgentServerToClient, AgentClientToServer> = io(`${options.url ?? ''}${AGENT_NAMESPACE}`, {
    withCredentials: true,
    reconnectionDelayMax: 10_000,
  });
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'connecting';
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryAttempt = 0;

  function setStatus(next: ConnectionStatus): void {
    if (next === status) return;
    status = next;
    for (const listener of [...statusListeners]) listener(next);
  }

  /** Socket.IO only retries transport failures by itself; refused handshakes and server kicks need this. */
  function scheduleRetry(): void {
    if (retryTimer !== undefined || status === 'closed' || status === 'unauthorized') return;
    const delay = Math.min(1000 * 2 ** retryAttempt, 10_000) + Math.random() * 500;
    retryAttempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (status !== 'closed' && status !== 'unauthorized' && !socket.connected) socket.connect();
    }, delay);
  }

  socket.on('connect', () => {
    retryAttempt = 0;
    setStatus('connected');
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    setStatus('reconnecting');
    if (!socket.active) scheduleRetry();
  });
  socket.on('connect_error', (error) => {
    const data: unknown = (error as { data?: unknown }).data;
    const code = typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
    if (code === 'unauthorized') {
      setStatus('unauthorized');
      return;
    }
    setStatus('reconnecting');
    if (!socket.active) scheduleRetry();
  });

  return {
    status: () => status,

    async request(event, payload) {
      if (!socket.connected) {
        throw new AgentRequestError('disconnected', 'Not connected to the server.');
      }
      let response: unknown;
      try {
        const emitter = socket.timeout(ackTimeoutMs) as unknown as LooseSocket;
        response = await emitter.emitWithAck(event, payload);
      } catch {
        throw socket.connected
          ? new AgentRequestError('timeout', 'The server did not answer in time.')
          : new AgentRequestError('disconnected', 'The connection was lost.');
      }
      const ack = response as Ack<RequestResult<typeof event>> | null;
      if (ack && typeof ack === 'object' && ack.ok === true) return ack.data;
      if (ack && typeof ack === 'object' && ack.ok === false && ack.error) {
        throw new AgentRequestError(ack.error.code, ack.error.message);
      }
      throw new AgentRequestError('internal', 'The server sent an unexpected answer.');
    },

    on(event, listener) {
      // Socket.IO's typed `on` cannot follow a generic event name; the contract types guard the callers.
      const loose = socket as unknown as LooseSocket;
      loose.on(event, listener);
      return () => {
        loose.off(event, listener);
      };
    },

    onStatus(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },

    close() {
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
      setStatus('closed');
      statusListeners.clear();
      socket.disconnect();
    },
  };
}
