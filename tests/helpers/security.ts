import { io } from 'socket.io-client';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '../../shared/contract';
import { addSite, addUser, openDb } from './kb';
import { connected, request, signIn, type AgentSocket, type Reachable, type TestServer, type VisitorSocket } from './test-server';

/**
 * One line per attack category, printed by the security tests for the README and the closing note:
 * how many hostile inputs were tried, and how many of them were stored or executed (always 0 when the
 * test passes — the test asserts it before printing).
 */
export function reportAttacks(category: string, tried: number, detail = ''): void {
  console.log(`[security] ${category}: ${tried} attack inputs tried, 0 stored or executed${detail ? ` (${detail})` : ''}`);
}

/** A visitor socket that appears to come from `ip` (the server trusts `X-Forwarded-For` from loopback only). */
export function visitorFrom(server: Reachable, ip: string, auth: { siteKey?: string; token?: string } = {}): VisitorSocket {
  return io(`${server.url}${VISITOR_NAMESPACE}`, {
    auth: { siteKey: server.demoSiteKey, ...auth },
    extraHeaders: { 'x-forwarded-for': ip },
    transports: ['websocket'],
    forceNew: true,
  });
}

export function agentFrom(server: Reachable, cookie: string, ip = '127.0.0.1', origin?: string): AgentSocket {
  return io(`${server.url}${AGENT_NAMESPACE}`, {
    extraHeaders: { cookie, 'x-forwarded-for': ip, ...(origin ? { origin } : {}) },
    transports: ['websocket'],
    forceNew: true,
  });
}

/** Connects, syncs (as the widget does) and returns the socket with its visitor id and token. */
export async function syncedVisitor(socket: VisitorSocket) {
  await connected(socket);
  const sync = await request<{ visitorId: string; token: string }>(socket, 'visitor:sync', { afterSeq: -1 });
  if (!sync.ok) throw new Error(`visitor:sync failed: ${sync.error.code}`);
  return { socket, visitorId: sync.data.visitorId, token: sync.data.token };
}

/**
 * A second tenant of the same deployment, created directly in the test database: its own site, an
 * admin and an editor who can sign in.
 */
export async function secondTenant(server: TestServer) {
  const db = await openDb(server.dbName);
  const { siteId, publicKey } = await addSite(db);
  const admin = await addUser(db, 'admin', siteId);
  const editor = await addUser(db, 'editor', siteId);
  const site = await db.collection('sites').findOne({ _id: siteId });
  return {
    db,
    siteId,
    publicKey,
    secret: String(site!.secret),
    admin,
    editor,
    adminCookie: await signIn(server, admin),
    /** The server as this tenant's widget reaches it. */
    reach: { url: server.url, demoSiteKey: publicKey } satisfies Reachable,
  };
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
