import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ErrorCode,
  VisitorClientToServer,
  VisitorHandshake,
  VisitorServerToClient,
} from '../../shared/contract';
import { VISITOR_NAMESPACE } from '../../shared/contract/constants';
import { ChatError, type ChatClient, type ChatClientEvents } from './chat-client';
import { Emitter } from './emitter';
import { createSiteStore } from './site-store';

const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = 5_000;
/** Handshake rejections worth retrying; every other code is final. */
const TRANSIENT: readonly ErrorCode[] = ['unavailable', 'internal'];

function handshakeErrorCode(error: Error): ErrorCode | undefined {
  const data: unknown = (error as Error & { data?: unknown }).data;
  const code = typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
  // The server rejects handshakes with contract error codes.
  return typeof code === 'string' ? (code as ErrorCode) : undefined;
}

async function unwrap<T>(request: Promise<Ack<T>>): Promise<T> {
  let ack: Ack<T>;
  try {
    ack = await request;
  } catch (error) {
    // Ack timeout or disconnect: the request may or may not have reached the server.
    throw new ChatError('unavailable', error instanceof Error ? error.message : 'No answer from the server');
  }
  if (!ack.ok) throw new ChatError(ack.error.code, ack.error.message);
  return ack.data;
}

/** ChatClient over the Socket.IO `/visitor` namespace; keeps the visitor token per site. */
export function createSocketChatClient(baseUrl: string, siteKey: string): ChatClient {
  const store = createSiteStore(siteKey);
  const events = new Emitter<ChatClientEvents>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const socket: Socket<VisitorServerToClient, VisitorClientToServer> = io(baseUrl + VISITOR_NAMESPACE, {
    autoConnect: false,
    ackTimeout: ACK_TIMEOUT_MS,
    // A function so that every reconnect presents the latest token.
    auth: (callback) => {
      const token = store.read('token');
      const handshake: VisitorHandshake = token ? { siteKey, token } : { siteKey };
      callback(handshake);
    },
  });

  // Socket.IO retries network failures itself but not a server refusal or a server-side kick.
  const reconnectLater = () => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => socket.connect(), RETRY_MS);
  };

  socket.on('connect', () => events.emit('connect'));
  socket.on('disconnect', (reason) => {
    events.emit('disconnect');
    if (reason === 'io server disconnect') reconnectLater();
  });
  socket.on('connect_error', (error) => {
    if (socket.active) return;
    const code = handshakeErrorCode(error) ?? 'internal';
    if (TRANSIENT.includes(code)) {
      reconnectLater();
    } else {
      events.emit('fail', new ChatError(code, error.message));
    }
  });
  socket.on('message:new', (message) => events.emit('message', message));
  socket.on('typing:changed', (typing) => events.emit('typing', typing));

  return {
    on: (event, listener) => events.on(event, listener),
    connect: () => socket.connect(),
    disconnect() {
      clearTimeout(retryTimer);
      socket.disconnect();
    },
    async sync(afterSeq) {
      const data = await unwrap(socket.emitWithAck('visitor:sync', { afterSeq }));
      store.write('token', data.token);
      return data;
    },
    async send(clientId, text) {
      const data = await unwrap(socket.emitWithAck('message:send', { clientId, text }));
      return data.message;
    },
    setTyping(typing) {
      // The contract gives every event an ack; typing needs no answer.
      if (socket.connected) socket.emit('typing:set', { typing }, () => {});
    },
  };
}
