import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import {
  AGENT_NAMESPACE,
  VISITOR_NAMESPACE,
  type Ack,
  type AgentClientToServer,
  type RequestData,
  type AgentServerToClient,
  type VisitorClientToServer,
  type VisitorServerToClient,
  type visitorRequests,
} from '../../shared/contract';
import { routes } from '../../shared/contract/routes';
import type { RunningServer } from '../../server/app';
import { call } from './rest';

export const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;
export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;

/** What a client needs of a server: a test server in this process or a server process. */
export type Reachable = Pick<RunningServer, 'url' | 'demoSiteKey'>;

export interface TestServer extends RunningServer {
  dbName: string;
}

/**
 * A real server on a free port, with its own database and Redis prefix on the shared test services
 * (or on the `services` given, for tests that stop them).
 */
/** An in-process server on a database of its own, or on `dbName` (a restart on the same data). */
export async function startTestServer(
  env: Record<string, string> = {},
  services = { mongoUri: inject('mongoUri'), redisUrl: inject('redisUrl') },
  dbName = `test_${randomBytes(6).toString('hex')}`,
): Promise<TestServer> {
  // Imported here, not above: files that only talk to server processes (the fault tests) need none of it.
  const [{ startServer }, { loadConfig }, { createLogger }] = await Promise.all([
    import('../../server/app'),
    import('../../server/config'),
    import('../../server/infra/logger'),
  ]);
  const mongoUri = `${services.mongoUri.replace(/\/$/, '')}/${dbName}`;
  const config = loadConfig({
    PORT: '0',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // The answer bot would answer the questions tests ask; its own tests turn it on.
    DEMO_ANSWER_BOT: 'off',
    ...env,
  });
  const server = await startServer({
    config,
    mongoUri,
    redisUrl: services.redisUrl,
    secret: randomBytes(32).toString('hex'),
    log: createLogger(config.LOG_LEVEL),
    redisPrefix: dbName,
  });
  return { ...server, dbName };
}

export async function signIn(server: Reachable, credentials = ADMIN): Promise<string> {
  const res = await call(server, routes.auth.signIn, { body: credentials });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (!res.setCookie) throw new Error('sign-in set no cookie');
  return res.setCookie.split(';')[0]!;
}

/** `headers`: extra handshake headers, such as the browser's `accept-language`. */
export function connectVisitor(
  server: Reachable,
  auth: { siteKey?: string; token?: string } = {},
  headers: Record<string, string> = {},
): VisitorSocket {
  return io(`${server.url}${VISITOR_NAMESPACE}`, {
    auth: { siteKey: server.demoSiteKey, ...auth },
    transports: ['websocket'],
    forceNew: true,
    extraHeaders: headers,
  });
}

export function connectAgent(server: Reachable, cookie?: string): AgentSocket {
  return io(`${server.url}${AGENT_NAMESPACE}`, {
    extraHeaders: cookie ? { cookie } : {},
    transports: ['websocket'],
    forceNew: true,
  });
}

export type VisitorSession = RequestData<typeof visitorRequests, 'visitor:sync'>;

/** A connected visitor socket that has synced, as the widget does on every connect. */
export async function joinAsVisitor(
  server: Reachable,
  auth: { siteKey?: string; token?: string } = {},
  headers: Record<string, string> = {},
): Promise<{ socket: VisitorSocket; session: VisitorSession }> {
  const socket = connectVisitor(server, auth, headers);
  await connected(socket);
  const sync = await request<VisitorSession>(socket, 'visitor:sync', { afterSeq: -1 });
  if (!sync.ok) throw new Error(`visitor:sync failed: ${sync.error.code}`);
  return { socket, session: sync.data };
}

/** Resolves on connect; rejects with the server's error (message and `data.code`) on connect_error. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Emits a request event and resolves with its acknowledgement. */
export function request<T>(socket: Socket, event: string, payload?: unknown): Promise<Ack<T>> {
  return socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

export function nextEvent<T>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

export function clientId(): string {
  return randomBytes(12).toString('hex');
}
