import mongoose from 'mongoose';
import { io } from 'socket.io-client';
import { z } from 'zod';
import {
  AGENT_NAMESPACE,
  ClientMessageId,
  IdentifyPayload,
  MessageAuthor,
  MessageText,
  displayName,
  VISITOR_NAMESPACE,
  type agentRequests,
  type KbArticle,
  type Message,
  type visitorRequests,
} from '../../shared/contract';
import { addSite, addUser, kbApi, openDb } from './kb';
import {
  clientId,
  connected,
  request,
  signIn,
  startTestServer,
  type AgentSocket,
  type Reachable,
  type TestServer,
  type VisitorSocket,
} from './test-server';

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

/** A valid payload for every request event of the contract (ids from the caller's world): seeds for injection and fuzzing. */
export function validPayloads(ids: { conversationId: string; visitorId: string; articleId: string }) {
  const visitor: Record<keyof typeof visitorRequests, () => unknown> = {
    'visitor:sync': () => ({ afterSeq: -1 }),
    'message:send': () => ({ clientId: clientId(), text: 'Do these run small?' }),
    'typing:set': () => ({ typing: true }),
    track: () => ({ type: 'custom', name: 'clicked', props: { where: 'banner', n: 1 } }),
    'visitor:identify': () => ({ id: 'cust-1', name: 'Nia', email: 'nia@example.com' }),
    'escalation:request-person': () => ({ articleId: ids.articleId }),
    'proactive:seen': () => ({ conversationId: ids.conversationId }),
    'transcript:request': () => ({ conversationId: ids.conversationId }),
    'visitor:contact': () => ({ email: 'nia@example.com' }),
    'conversations:mine': () => ({}),
    'conversation:view': () => ({ conversationId: ids.conversationId }),
    'kb:search': () => ({ query: 'shipping', locale: 'en', limit: 5, mode: 'search' }),
    'kb:article': () => ({ id: ids.articleId, locale: 'en' }),
    'kb:vote': () => ({ articleId: ids.articleId, helpful: true }),
    'conversation:read': () => ({ seq: 0 }),
    'csat:submit': () => ({ conversationId: ids.conversationId, rating: 4, comment: 'Quick answer' }),
    'bot:helped': () => ({ messageId: `${ids.conversationId}:bot-0` }),
  };
  const agent: Record<keyof typeof agentRequests, () => unknown> = {
    'conversations:list': () => ({ status: 'open' }),
    'conversation:open': () => ({ conversationId: ids.conversationId }),
    'conversation:leave': () => ({ conversationId: ids.conversationId }),
    'message:send': () => ({ conversationId: ids.conversationId, clientId: clientId(), text: 'They run true to size.' }),
    'typing:set': () => ({ conversationId: ids.conversationId, typing: true }),
    'escalation:accept': () => ({ conversationId: ids.conversationId }),
    'visitor:context': () => ({ visitorId: ids.visitorId }),
    'kb:search': () => ({ query: 'returns', locale: 'en', limit: 5 }),
    'kb:suggest': () => ({ conversationId: ids.conversationId, limit: 3 }),
    'kb:insert': () => ({ articleId: ids.articleId }),
    'availability:set': () => ({ availability: 'online', capacity: 5 }),
    'presence:activity': () => ({}),
    'team:presence': () => ({}),
    'conversations:search': () => ({ query: 'run small' }),
    'conversation:take': () => ({ conversationId: ids.conversationId }),
    'conversation:read': () => ({ conversationId: ids.conversationId, seq: 0 }),
    'notes:list': () => ({ conversationId: ids.conversationId }),
    'note:add': () => ({ conversationId: ids.conversationId, clientId: clientId(), text: 'VIP customer' }),
    'conversation:transfer': () => ({ conversationId: ids.conversationId, toUserId: ids.visitorId, note: 'Over to you' }),
    'conversation:close': () => ({ conversationId: ids.conversationId, reason: 'resolved', comment: '' }),
  };
  return { visitor, agent };
}

const Nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
/** What a stored document may hold, from the contract's own field schemas (after the server's trimming). */
const storedShapes: Record<string, z.ZodType> = {
  messages: z.looseObject({
    text: MessageText,
    clientId: z.union([ClientMessageId, z.string().regex(/^(offline|read)-[A-Za-z0-9_-]+$/)]),
    author: MessageAuthor,
    seq: z.number().int().min(0),
  }),
  visitors: z.looseObject({
    // `identify()` keeps only names that show something, without bidi controls.
    name: Nullable(displayName(120)),
    email: Nullable(z.string().email().max(254)),
    customerId: Nullable(IdentifyPayload.shape.id),
    cart: z.looseObject({ items: z.number().int().min(0), value: z.number().min(0), currency: z.string().regex(/^[A-Z]{3}$/) }),
  }),
  conversations: z.looseObject({ visitorName: z.string().max(120) }),
};

/**
 * Every stored document that could not have come from a valid request: keys that are query operators
 * or paths (`$gt`, `a.b`, `__proto__`) anywhere, and chat documents whose fields break the contract.
 */
export async function storedDocumentProblems(db: mongoose.Connection): Promise<string[]> {
  const problems: string[] = [];
  const badKeys = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) badKeys(v, `${path}.${i}`);
    } else if (
      value &&
      typeof value === 'object' &&
      !(value instanceof Date) &&
      !(value instanceof mongoose.Types.ObjectId) &&
      !Buffer.isBuffer(value)
    ) {
      for (const [key, v] of Object.entries(value)) {
        if (key.startsWith('$') || key.includes('.') || key === '__proto__' || key === 'constructor')
          problems.push(`${path}: key "${key}"`);
        badKeys(v, `${path}.${key}`);
      }
    }
  };
  for (const { name } of await db.db!.listCollections().toArray()) {
    for (const doc of await db.collection(name).find({}).toArray()) {
      badKeys(doc, `${name}/${String(doc._id)}`);
      const parsed = storedShapes[name]?.safeParse(doc);
      if (parsed && !parsed.success)
        problems.push(`${name}/${String(doc._id)}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    }
  }
  return problems;
}

/** Query operators and friends, as JSON values: what an attacker puts where a string or number belongs. */
export const OPERATOR_VALUES: readonly unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $ne: 'x' },
  { $where: 'sleep(2000) || true' },
  { $regex: '.*' },
  { $regex: '^a', $options: 'i' },
  { $in: ['admin@example.com', 'x'] },
  { $nin: [] },
  { $exists: true },
  { $expr: { $eq: [1, 1] } },
  { $or: [{}, { a: 1 }] },
  { $elemMatch: { $gt: '' } },
  { $function: { body: 'function(){return true}', args: [], lang: 'js' } },
  { 'profile.role': 'admin' },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
  ['$gt', ''],
  [{ $gt: '' }],
];

/** The same as literal strings: these must be stored and matched as text, never interpreted. */
export const OPERATOR_STRINGS: readonly string[] = ['{"$gt": ""}', '$gt', '$where', '.*', '^.*$', 'a.b', '__proto__', '{"$ne": null}'];

/**
 * What the injection and fuzz suites attack: a server without rate limits (they send hundreds of
 * events from one visitor; the limits are tested elsewhere), a signed-in agent, a visitor with a
 * conversation, and a valid sample payload of every event.
 */
export async function attackTarget() {
  const server = await startTestServer({ RATE_LIMIT_PER_SENDER: '0', RATE_LIMIT_PER_IP: '0' });
  const db = await openDb(server.dbName);
  const cookie = await signIn(server);
  const agent = agentFrom(server, cookie);
  await connected(agent);
  const synced = await syncedVisitor(visitorFrom(server, '127.0.0.1'));
  const sent = await request<{ message: Message }>(synced.socket, 'message:send', { clientId: clientId(), text: 'first message' });
  if (!sent.ok) throw new Error('send failed');
  const [article] = (await kbApi(server.url, cookie).list({ status: 'published' })).body.articles as KbArticle[];
  const samples = validPayloads({ conversationId: sent.data.message.conversationId, visitorId: synced.visitorId, articleId: article!.id });
  return {
    server,
    db,
    cookie,
    agent,
    visitor: synced.socket,
    samples,
    async close() {
      synced.socket.disconnect();
      agent.disconnect();
      await db.close();
      await server.close();
    },
  };
}
