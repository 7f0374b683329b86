import { io, type Socket } from 'socket.io-client';
import { isRetryable } from '../../shared/client/retryable';
import type { Ack, ErrorCode, VisitorClientToServer, VisitorHandshake, VisitorServerToClient } from '../../shared/contract';
import { VISITOR_NAMESPACE } from '../../shared/contract/constants';
import { ChatError, type ChatClient, type ChatClientEvents } from './chat-client';
import { Emitter } from './emitter';
import type { SiteStore } from './site-store';

const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = 5_000;

function handshakeErrorCode(error: Error): ErrorCode | undefined {
  const data: unknown = (error as Error & { data?: unknown }).data;
  const code = typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
  // The server rejects handshakes with contract error codes.
  return typeof code === 'string' ? (code as ErrorCode) : undefined;
}

/**
 * ChatClient over the Socket.IO `/visitor` namespace; presents the site's stored visitor token, and
 * once the token of a "continue the conversation" link (`resume`) when the page was opened from one.
 */
export function createSocketChatClient(baseUrl: string, siteKey: string, store: SiteStore, resume: string | null = null): ChatClient {
  const events = new Emitter<ChatClientEvents>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pendingResume = resume;

  const socket: Socket<VisitorServerToClient, VisitorClientToServer> = io(baseUrl + VISITOR_NAMESPACE, {
    autoConnect: false,
    // No long-polling fallback: a direct WebSocket connects sooner, and the build leaves the polling code out.
    transports: ['websocket'],
    ackTimeout: ACK_TIMEOUT_MS,
    // A function so that every reconnect presents the latest token.
    auth: (callback) => {
      const token = store.read('token');
      const handshake: VisitorHandshake = token ? { siteKey, token } : { siteKey };
      callback(pendingResume ? { ...handshake, resume: pendingResume } : handshake);
    },
  });
  // Emitting through an untyped view: the typed `request`/`notify` signatures guard every call site.
  const raw = socket as unknown as Socket;

  // Socket.IO retries network failures itself but not a server refusal or a server-side kick.
  const reconnectLater = () => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => socket.connect(), RETRY_MS);
  };

  socket.on('connect', () => {
    // The link's conversation is open: the sync that follows stores its visitor's token.
    if (pendingResume) events.emit('resume', null);
    pendingResume = null;
    events.emit('connect');
  });
  socket.on('disconnect', (reason) => {
    events.emit('disconnect');
    if (reason === 'io server disconnect') reconnectLater();
  });
  socket.on('connect_error', (error) => {
    if (socket.active) return;
    // A refusal without a contract code did not come from our handshake checks: retried like an outage.
    const code = handshakeErrorCode(error) ?? 'unavailable';
    if (pendingResume && code.startsWith('resume_')) {
      // The link was refused: say why, and connect as the visitor this browser already is.
      pendingResume = null;
      events.emit('resume', new ChatError(code, error.message));
      socket.connect();
      return;
    }
    if (isRetryable(code)) reconnectLater();
    else events.emit('fail', new ChatError(code, error.message));
  });
  socket.on('message:new', (message) => events.emit('message', message));
  socket.on('typing:changed', (typing) => events.emit('typing', typing));
  socket.on('proactive:prompt', (prompt) => events.emit('prompt', prompt));
  socket.on('lifecycle:stage', ({ stage }) => events.emit('stage', stage));
  socket.on('agents:availability', ({ online }) => events.emit('availability', online));
  socket.on('conversation:closed', ({ conversationId }) => events.emit('closed', conversationId));
  socket.on('conversation:read', ({ seq }) => events.emit('read', seq));

  return {
    on: (event, listener) => events.on(event, listener),
    connect: () => socket.connect(),
    disconnect() {
      clearTimeout(retryTimer);
      socket.disconnect();
    },
    async request(event, payload) {
      let ack: Ack<never>;
      try {
        ack = (await raw.emitWithAck(event, payload)) as Ack<never>;
      } catch (error) {
        // Ack timeout or disconnect: the request may or may not have reached the server.
        throw new ChatError('unavailable', error instanceof Error ? error.message : 'No answer from the server');
      }
      if (!ack.ok) throw new ChatError(ack.error.code, ack.error.message);
      return ack.data;
    },
    notify(event, payload) {
      // The contract gives every event an ack; these need no answer.
      if (socket.connected) raw.emit(event, payload, () => {});
    },
  };
}
