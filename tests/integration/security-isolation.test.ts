import type { Express } from 'express';
import mongoose from 'mongoose';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  agentRequests,
  visitorRequests,
  type Ack,
  type ConversationSummary,
  type CreateUserBody,
  type KbArticle,
  type KbSearchResult,
  type Message,
} from '../../shared/contract';
import { sign } from '../../server/edge/signature';
import { kbApi, openDb } from '../helpers/kb';
import { agentFrom, reportAttacks, secondTenant, syncedVisitor, visitorFrom } from '../helpers/security';
import { failedJobOf } from '../helpers/queues';
import { postWebhook, siteSecret } from '../helpers/shop';
import {
  ADMIN,
  clientId,
  connected,
  request,
  signIn,
  startTestServer,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../helpers/test-server';
import { routes } from '../../shared/contract/routes';
import { call } from '../helpers/rest';

/**
 * Cross-visitor and cross-site isolation, one case per socket event of the contract and per HTTP
 * route of the running app. The lists are read from the contract tables and the Express router, so
 * a new event or route without a case here fails the completeness tests.
 *
 * The cast: alice and bob are visitors of site A (the demo site), carol a visitor of site B; agent A
 * works site A, agent B site B. Every socket records everything it receives; at the end nobody holds
 * a byte of what belongs to someone else.
 */

type Tenant = Awaited<ReturnType<typeof secondTenant>>;
let server: TestServer;
let db: mongoose.Connection;
let siteB: Tenant;
let agentA: AgentSocket;
let agentB: AgentSocket;
let agentACookie: string;
let alice: { socket: VisitorSocket; visitorId: string; token: string; conversationId: string; clientId: string };
let bob: { socket: VisitorSocket; visitorId: string };
let carol: { socket: VisitorSocket; visitorId: string; token: string };
/** Site A's published and draft article, site B's published article. */
const articles = { aPublished: '', aDraft: '', bPublished: '' };
const received = new Map<string, unknown[]>();
/** Strings that identify site A's and site B's private data; what a socket of the other side must never receive. */
const secretsOf = { A: new Set<string>(), B: new Set<string>() };

const ALICE_SAYS = 'alice-private-4711 my address is Elm Street 5';
const CAROL_SAYS = 'carol-private-0815 my card ends in 1234';

function record<T extends { onAny(listener: (event: string, ...args: unknown[]) => void): unknown }>(name: string, socket: T): T {
  received.set(name, []);
  socket.onAny((event, ...args) => received.get(name)!.push({ event, args }));
  return socket;
}

async function ok<T>(ack: Promise<Ack<T>>): Promise<T> {
  const result = await ack;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

const codeOf = async (ack: Promise<Ack<unknown>>) => {
  const result = await ack;
  return result.ok ? 'ok' : result.error.code;
};

const settle = () => new Promise((r) => setTimeout(r, 150));
/** Site A's first admin (agent A) and site B's admin: the people the workplace events act on. */
const adminIdOf = async (email: string, database: mongoose.Connection) =>
  String((await database.collection('users').findOne({ email }))!._id);
const oid = (id: string) => new mongoose.Types.ObjectId(id);

beforeAll(async () => {
  server = await startTestServer();
  db = await openDb(server.dbName);
  siteB = await secondTenant(server);
  agentACookie = await signIn(server);
  agentA = record('agentA', agentFrom(server, agentACookie));
  agentB = record('agentB', agentFrom(server, siteB.adminCookie));
  await Promise.all([connected(agentA), connected(agentB)]);

  const a = await syncedVisitor(record('alice', visitorFrom(server, '127.0.0.1')));
  const aliceClientId = clientId();
  const sent = await ok(request<{ message: Message }>(a.socket, 'message:send', { clientId: aliceClientId, text: ALICE_SAYS }));
  const secret = await siteSecret(server.dbName);
  await ok(request(a.socket, 'visitor:identify', { id: 'cust-alice', name: 'Alice Example', signature: sign(secret, 'cust-alice') }));
  await ok(request(a.socket, 'track', { type: 'cart', items: 2, value: 150, currency: 'EUR' }));
  alice = { ...a, conversationId: sent.message.conversationId, clientId: aliceClientId };
  bob = await syncedVisitor(record('bob', visitorFrom(server, '127.0.0.1')));
  carol = await syncedVisitor(record('carol', visitorFrom(siteB.reach, '127.0.0.1')));
  await ok(request(carol.socket, 'message:send', { clientId: clientId(), text: CAROL_SAYS }));

  const editorA = kbApi(server.url, agentACookie);
  const editorB = kbApi(server.url, siteB.adminCookie);
  const created = async (api: ReturnType<typeof kbApi>, title: string, body: string, publish: boolean) => {
    const article = (await api.create({ title, body, category: 'General', locale: 'en' })).body.article as KbArticle;
    if (publish) expect((await api.publish(article.id)).status).toBe(200);
    return article.id;
  };
  articles.aPublished = await created(editorA, 'Zebraquartz warranty', 'Every zebraquartz watch has a warranty.', true);
  articles.aDraft = await created(editorA, 'Draftonly secret plans', 'Draftonly: the sale starts Monday.', false);
  articles.bPublished = await created(editorB, 'Plutonium returns', 'Plutonium returns take 30 days.', true);

  for (const s of [
    ALICE_SAYS,
    alice.visitorId,
    alice.conversationId,
    bob.visitorId,
    articles.aPublished,
    articles.aDraft,
    'cust-alice',
    'Draftonly',
    'Zebraquartz',
  ])
    secretsOf.A.add(s);
  for (const s of [CAROL_SAYS, carol.visitorId, articles.bPublished, 'Plutonium']) secretsOf.B.add(s);
}, 60_000);

afterAll(async () => {
  for (const socket of [agentA, agentB, alice?.socket, bob?.socket, carol?.socket]) socket?.disconnect();
  await siteB?.db.close();
  await db?.close();
  await server?.close();
});

const conversationOf = (visitorId: string) => db.collection('conversations').findOne({ visitorId: oid(visitorId) });
const messagesIn = (conversationId: string) => db.collection('messages').countDocuments({ conversationId: oid(conversationId) });
const search = (socket: VisitorSocket | AgentSocket, query: string) =>
  ok(request<KbSearchResult>(socket, 'kb:search', { query, locale: 'en', limit: 10 })).then((r) => r.results.map((hit) => hit.id));

// ---- visitor events: bob (same site) and carol (other site) against alice -------------------------

const visitorCases: Record<keyof typeof visitorRequests, () => Promise<void>> = {
  'visitor:sync': async () => {
    const own = await ok(request<{ conversationId: string | null; messages: Message[] }>(bob.socket, 'visitor:sync', { afterSeq: -1 }));
    expect(own.conversationId).not.toBe(alice.conversationId);
    expect(JSON.stringify(own)).not.toContain(ALICE_SAYS);
    // Alice's token presented on site B is no identity there: carol's site makes a new visitor.
    const { socket, visitorId } = await syncedVisitor(visitorFrom(siteB.reach, '127.0.0.1', { token: alice.token }));
    expect(visitorId).not.toBe(alice.visitorId);
    socket.disconnect();
  },
  'message:send': async () => {
    // Re-using alice's client message id stores bob's own message in bob's own conversation.
    const sent = await ok(request<{ message: Message }>(bob.socket, 'message:send', { clientId: alice.clientId, text: 'bob writes' }));
    expect(sent.message.conversationId).not.toBe(alice.conversationId);
    expect(sent.message.text).toBe('bob writes');
    expect(await messagesIn(alice.conversationId)).toBe(1);
  },
  'typing:set': async () => {
    await ok(request(bob.socket, 'typing:set', { typing: true }));
    await ok(request(carol.socket, 'typing:set', { typing: true }));
    await settle();
    expect(received.get('alice')!.filter((e) => (e as { event: string }).event === 'typing:changed')).toEqual([]);
  },
  track: async () => {
    await ok(request(bob.socket, 'track', { type: 'cart', items: 9, value: 999, currency: 'USD' }));
    await ok(request(carol.socket, 'track', { type: 'cart', items: 7, value: 777, currency: 'USD' }));
    const stored = await db.collection('visitors').findOne({ _id: oid(alice.visitorId) });
    expect(stored?.cart).toMatchObject({ items: 2, value: 150 });
  },
  'visitor:identify': async () => {
    // Claiming alice's shop customer id without the shop's signature, or with site A's signature on site B.
    expect(await ok(request(bob.socket, 'visitor:identify', { id: 'cust-alice' }))).toEqual({ verified: false });
    const secretA = await siteSecret(server.dbName);
    expect(await ok(request(carol.socket, 'visitor:identify', { id: 'cust-alice', signature: sign(secretA, 'cust-alice') }))).toEqual({
      verified: false,
    });
    for (const visitorId of [bob.visitorId, carol.visitorId]) {
      expect((await db.collection('visitors').findOne({ _id: oid(visitorId) }))?.customerId ?? null).toBeNull();
    }
  },
  'escalation:request-person': async () => {
    const result = await ok(
      request<{ conversationId: string }>(bob.socket, 'escalation:request-person', { articleId: articles.bPublished }),
    );
    expect(result.conversationId).not.toBe(alice.conversationId);
    secretsOf.A.add(result.conversationId);
    const bobs = await db
      .collection('messages')
      .find({ conversationId: oid(result.conversationId) })
      .toArray();
    expect(JSON.stringify(bobs)).not.toContain('Plutonium');
  },
  'proactive:seen': async () => {
    // Alice's prompt waiting unseen is hers: Bob saying he saw it, naming her conversation, leaves it waiting.
    const redis = new Redis(inject('redisUrl'), { keyPrefix: `${server.dbName}:` });
    const key = `prompt-unseen:${alice.visitorId}`;
    try {
      await redis.set(key, JSON.stringify({ conversationId: alice.conversationId }), 'PX', 60_000);
      expect((await request(bob.socket, 'proactive:seen', { conversationId: alice.conversationId })).ok).toBe(true);
      expect(await redis.get(key)).not.toBeNull();
    } finally {
      await redis.del(key);
      await redis.quit();
    }
  },
  'transcript:request': async () => {
    // Alice's conversation is nobody else's transcript, on her site or another, even with an address to send it to.
    for (const { visitorId, socket } of [bob, carol]) {
      await db.collection('visitors').updateOne({ _id: oid(visitorId) }, { $set: { email: 'transcript-probe@example.com' } });
      const denied = await request(socket, 'transcript:request', { conversationId: alice.conversationId });
      expect(denied.ok ? null : denied.error.code).toBe('not_found');
    }
  },
  'visitor:contact': async () => {
    // The inline email step writes the caller's own visitor, never alice's.
    secretsOf.B.add('carol-private@example.com');
    await ok(request(carol.socket, 'visitor:contact', { email: 'carol-private@example.com' }));
    await ok(request(bob.socket, 'visitor:contact', { email: 'bob@example.com' }));
    expect((await db.collection('visitors').findOne({ _id: oid(alice.visitorId) }))?.email ?? null).toBeNull();
    expect((await db.collection('visitors').findOne({ _id: oid(carol.visitorId) }))?.email).toBe('carol-private@example.com');
  },
  'conversations:mine': async () => {
    for (const socket of [bob.socket, carol.socket]) {
      const { conversations } = await ok(request<{ conversations: { id: string }[] }>(socket, 'conversations:mine', {}));
      expect(conversations.map((c) => c.id)).not.toContain(alice.conversationId);
    }
  },
  'conversation:view': async () => {
    for (const socket of [bob.socket, carol.socket]) {
      expect(await codeOf(request(socket, 'conversation:view', { conversationId: alice.conversationId }))).toBe('not_found');
    }
  },
  'kb:search': async () => {
    await expect.poll(() => search(bob.socket, 'zebraquartz')).toContain(articles.aPublished);
    expect(await search(bob.socket, 'plutonium')).toEqual([]);
    expect(await search(bob.socket, 'draftonly')).toEqual([]);
    expect(await search(carol.socket, 'zebraquartz')).toEqual([]);
  },
  'kb:article': async () => {
    expect(await codeOf(request(bob.socket, 'kb:article', { id: articles.bPublished }))).toBe('not_found');
    expect(await codeOf(request(bob.socket, 'kb:article', { id: articles.aDraft }))).toBe('not_found');
    expect(await codeOf(request(carol.socket, 'kb:article', { id: articles.aPublished }))).toBe('not_found');
    expect(await codeOf(request(bob.socket, 'kb:article', { id: articles.aPublished }))).toBe('ok');
  },
  'conversation:read': async () => {
    const before = (await conversationOf(alice.visitorId))?.visitorReadSeq ?? -1;
    // Bob and carol mark only their own conversations (they have none open: not_found), never alice's.
    for (const socket of [bob.socket, carol.socket]) await request(socket, 'conversation:read', { seq: 99 });
    expect((await conversationOf(alice.visitorId))?.visitorReadSeq ?? -1).toBe(before);
  },
  'csat:submit': async () => {
    for (const socket of [bob.socket, carol.socket]) {
      expect(await codeOf(request(socket, 'csat:submit', { conversationId: alice.conversationId, rating: 1, comment: 'sabotage' }))).toBe(
        'not_found',
      );
    }
    expect(await db.collection('csats').countDocuments({ _id: oid(alice.conversationId) })).toBe(0);
  },
  'bot:helped': async () => {
    // An answer of the bot in alice's conversation is hers to confirm: nobody else's, on her site or another.
    const messageId = `${alice.conversationId}:bot-probe`;
    const conversation = await conversationOf(alice.visitorId);
    await db.collection('messages').insertOne({
      _id: messageId as never,
      siteId: conversation!.siteId,
      conversationId: oid(alice.conversationId),
      seq: 1000,
      clientId: 'bot-probe',
      author: 'bot',
      authorId: null,
      authorName: null,
      text: 'Standard — 3–5 working days',
      answer: { articleId: articles.aPublished, title: 'Shipping', mode: 'answer' },
      createdAt: new Date(),
    });
    for (const socket of [bob.socket, carol.socket]) {
      expect(await codeOf(request(socket, 'bot:helped', { messageId }))).toBe('not_found');
    }
    expect(await codeOf(request(alice.socket, 'bot:helped', { messageId }))).toBe('ok');
    await db.collection('messages').deleteOne({ _id: messageId as never });
  },
  'kb:vote': async () => {
    const votesBefore = await db.collection('kbvotes').countDocuments();
    expect(await codeOf(request(bob.socket, 'kb:vote', { articleId: articles.bPublished, helpful: false }))).toBe('not_found');
    expect(await codeOf(request(carol.socket, 'kb:vote', { articleId: articles.aDraft, helpful: false }))).toBe('not_found');
    expect(await db.collection('kbvotes').countDocuments()).toBe(votesBefore);
  },
};

// ---- agent events: agent B (other site) against site A ----------------------------------------------

const agentCases: Record<keyof typeof agentRequests, () => Promise<void>> = {
  'conversations:list': async () => {
    const listB = await ok(request<{ conversations: ConversationSummary[] }>(agentB, 'conversations:list', {}));
    expect(listB.conversations.map((c) => c.id)).not.toContain(alice.conversationId);
    const listA = await ok(request<{ conversations: ConversationSummary[] }>(agentA, 'conversations:list', {}));
    expect(listA.conversations.map((c) => c.id)).toContain(alice.conversationId);
  },
  'conversation:open': async () => {
    expect(await codeOf(request(agentB, 'conversation:open', { conversationId: alice.conversationId }))).toBe('not_found');
  },
  'conversation:leave': async () => {
    expect(await codeOf(request(agentB, 'conversation:leave', { conversationId: alice.conversationId }))).toBe('not_found');
  },
  'message:send': async () => {
    expect(
      await codeOf(request(agentB, 'message:send', { conversationId: alice.conversationId, clientId: clientId(), text: 'hijack' })),
    ).toBe('not_found');
    expect(await messagesIn(alice.conversationId)).toBe(1);
  },
  'typing:set': async () => {
    expect(await codeOf(request(agentB, 'typing:set', { conversationId: alice.conversationId, typing: true }))).toBe('not_found');
    await settle();
    expect(received.get('alice')!.filter((e) => (e as { event: string }).event === 'typing:changed')).toEqual([]);
  },
  'escalation:accept': async () => {
    expect(await codeOf(request(agentB, 'escalation:accept', { conversationId: alice.conversationId }))).toBe('not_found');
    expect((await conversationOf(alice.visitorId))?.assigneeId ?? null).toBeNull();
  },
  'visitor:context': async () => {
    expect(await codeOf(request(agentB, 'visitor:context', { visitorId: alice.visitorId }))).toBe('not_found');
    // Nor did it subscribe agent B: alice's next page view pushes her context to nobody on site B.
    await ok(request(alice.socket, 'track', { type: 'page_view', url: 'https://shop.example/secret-page', title: 'alice-private page' }));
    secretsOf.A.add('alice-private page');
  },
  'kb:search': async () => {
    expect(await search(agentB, 'zebraquartz')).toEqual([]);
    expect(await search(agentB, 'draftonly')).toEqual([]);
  },
  'kb:suggest': async () => {
    expect(await codeOf(request(agentB, 'kb:suggest', { conversationId: alice.conversationId }))).toBe('not_found');
  },
  'kb:insert': async () => {
    expect(await codeOf(request(agentB, 'kb:insert', { articleId: articles.aPublished }))).toBe('not_found');
    expect(await codeOf(request(agentA, 'kb:insert', { articleId: articles.aDraft }))).toBe('not_found');
  },
  'availability:set': async () => {
    await ok(request(agentB, 'availability:set', { availability: 'away', capacity: 2 }));
    expect(await db.collection('users').findOne({ email: ADMIN.email })).toMatchObject({ availability: 'online', capacity: 5 });
    await ok(request(agentB, 'availability:set', { availability: 'online' }));
  },
  'presence:activity': async () => {
    await ok(request(agentB, 'presence:activity', {}));
    expect(await db.collection('users').findOne({ email: ADMIN.email })).toMatchObject({ availability: 'online' });
  },
  'team:presence': async () => {
    const adminA = await adminIdOf(ADMIN.email, db);
    const teamB = await ok(request<{ agents: Array<{ userId: string }> }>(agentB, 'team:presence', {}));
    expect(teamB.agents.map((a) => a.userId)).not.toContain(adminA);
    const teamA = await ok(request<{ agents: Array<{ userId: string }> }>(agentA, 'team:presence', {}));
    expect(teamA.agents.map((a) => a.userId)).toContain(adminA); // the control
  },
  'conversations:search': async () => {
    const find = (socket: AgentSocket) =>
      ok(request<{ conversations: ConversationSummary[] }>(socket, 'conversations:search', { query: 'alice-private-4711' })).then((r) =>
        r.conversations.map((c) => c.id),
      );
    await expect.poll(() => find(agentA)).toContain(alice.conversationId); // the control
    expect(await find(agentB)).toEqual([]);
  },
  'conversation:take': async () => {
    expect(await codeOf(request(agentB, 'conversation:take', { conversationId: alice.conversationId }))).toBe('not_found');
    expect((await conversationOf(alice.visitorId))?.assigneeId ?? null).toBeNull();
  },
  'conversation:read': async () => {
    expect(await codeOf(request(agentB, 'conversation:read', { conversationId: alice.conversationId, seq: 0 }))).toBe('not_found');
    expect((await conversationOf(alice.visitorId))?.agentReadSeq ?? -1).toBe(-1);
  },
  'notes:list': async () => {
    await ok(request(agentA, 'note:add', { conversationId: alice.conversationId, clientId: clientId(), text: 'alice-note-5150 VIP' }));
    secretsOf.A.add('alice-note-5150');
    expect(await codeOf(request(agentB, 'notes:list', { conversationId: alice.conversationId }))).toBe('not_found');
  },
  'note:add': async () => {
    expect(await codeOf(request(agentB, 'note:add', { conversationId: alice.conversationId, clientId: clientId(), text: 'planted' }))).toBe(
      'not_found',
    );
    expect(await db.collection('notes').countDocuments({ text: 'planted' })).toBe(0);
  },
  'conversation:transfer': async () => {
    const adminA = await adminIdOf(ADMIN.email, db);
    const adminB = await adminIdOf(siteB.admin.email, siteB.db);
    expect(await codeOf(request(agentB, 'conversation:transfer', { conversationId: alice.conversationId, toUserId: adminB }))).toBe(
      'not_found',
    );
    // Nor can site A hand its conversation to site B's people.
    expect(await codeOf(request(agentA, 'conversation:transfer', { conversationId: alice.conversationId, toUserId: adminB }))).toBe(
      'not_found',
    );
    expect(String((await conversationOf(alice.visitorId))?.assigneeId ?? null)).not.toBe(adminB);
    expect(adminA).not.toBe(adminB);
  },
  'conversation:close': async () => {
    expect(await codeOf(request(agentB, 'conversation:close', { conversationId: alice.conversationId, reason: 'spam' }))).toBe('not_found');
    expect((await conversationOf(alice.visitorId))?.status).toBe('open');
  },
};

// ---- HTTP routes: agent B's session (and site B's secret) against site A ---------------------------

const asB = () => kbApi(server.url, siteB.adminCookie);
/** Sends raw bytes to a file route, with an agent's session or a visitor's token. */
function sendFile(path: string, auth: { cookie: string } | { token: string }, method = 'POST') {
  const query = new URLSearchParams({ name: 'alice-file-7070.txt', clientId: clientId() });
  const credentials: Record<string, string> = 'cookie' in auth ? { cookie: auth.cookie } : { authorization: `Bearer ${auth.token}` };
  return fetch(`${server.url}${path}?${query}`, {
    method,
    headers: { ...credentials, 'content-type': 'application/octet-stream' },
    body: Buffer.from('alice file 7070\n'),
  });
}
/** A file agent A sent into Alice's conversation, and a canned response of site A that carries one (made once). */
let siteAFiles: Promise<{ fileId: string; shortcut: string }> | undefined;
const filesOfSiteA = () =>
  (siteAFiles ??= (async () => {
    const sent = await sendFile(`/api/files/conversations/${alice.conversationId}`, { cookie: agentACookie });
    expect(sent.status).toBe(201);
    const { message } = (await sent.json()) as { message: Message };
    const shortcut = 'a-files';
    await call(server, routes.canned.create, { cookie: agentACookie, body: { shortcut, title: 'A file', text: 'see the file' } });
    expect((await sendFile(`/api/files/canned/${shortcut}`, { cookie: agentACookie }, 'PUT')).status).toBeLessThan(300);
    return { fileId: message.attachment!.id, shortcut };
  })());
const cannedFileOfSiteA = async (shortcut: string) => {
  const { body } = await call(server, routes.canned.list, { cookie: agentACookie });
  return (body as { responses: Array<{ shortcut: string; attachment?: { id: string } }> }).responses.find((r) => r.shortcut === shortcut)
    ?.attachment?.id;
};
/** A content gap of site A: a question of its visitor that no article answers (recorded once). */
let siteAGap: Promise<string> | undefined;
const gapOfSiteA = () =>
  (siteAGap ??= (async () => {
    await ok(request(bob.socket, 'message:send', { clientId: 'gap-question-1', text: 'Do you rent paddleboards for lake weekends?' }));
    let gap: { _id: unknown } | null = null;
    await expect
      .poll(async () => (gap = await db.collection('kbgaps').findOne({ text: /paddleboards/ })), { timeout: 5000 })
      .not.toBeNull();
    return String(gap!._id);
  })());
const httpCases: Record<string, () => Promise<void>> = {
  'POST /api/auth/sign-in': async () => {
    const res = await call(server, routes.auth.signIn, { body: siteB.editor });
    expect(res.body.user.siteId).toBe(siteB.siteId.toHexString());
  },
  'POST /api/auth/sign-out': async () => {
    const cookieB = await signIn(server, siteB.editor);
    expect((await call(server, routes.auth.signOut, { cookie: cookieB })).status).toBe(204);
    expect((await call(server, routes.auth.me, { cookie: agentACookie })).status).toBe(200);
  },
  'GET /api/auth/me': async () => {
    const res = await call(server, routes.auth.me, { cookie: siteB.adminCookie });
    expect(res.body.user.siteId).toBe(siteB.siteId.toHexString());
  },
  'GET /api/kb/articles': async () => {
    const { body } = await asB().list();
    const ids = (body.articles as Array<{ id: string }>).map((a) => a.id);
    expect(ids).toContain(articles.bPublished);
    expect(ids).not.toContain(articles.aPublished);
    expect(ids).not.toContain(articles.aDraft);
  },
  'POST /api/kb/articles': async () => {
    // A site id in the body is not a field; a translation of another site's article does not exist.
    const planted = await asB().create({ title: 'Planted', body: 'x', category: 'General', locale: 'en', siteId: '0'.repeat(24) });
    expect(planted.status).toBe(201);
    const stored = await db.collection('kbarticles').findOne({ _id: oid((planted.body.article as KbArticle).id) });
    expect(String(stored?.siteId)).toBe(siteB.siteId.toHexString());
    const translation = await asB().create({
      title: 'Steal',
      body: 'x',
      category: 'General',
      locale: 'cs',
      translationOf: articles.aPublished,
    });
    expect(translation.status).toBe(404);
  },
  'GET /api/kb/articles/:id': async () => {
    expect((await asB().get(articles.aDraft)).status).toBe(404);
  },
  'GET /api/kb/articles/:id/phrasings': async () => {
    const res = await call(server, routes.kb.phrasings, { cookie: siteB.adminCookie, params: { id: articles.aPublished } });
    expect(res.status).toBe(404);
  },
  'DELETE /api/kb/articles/:id/phrasings/:key': async () => {
    const res = await call(server, routes.kb.removePhrasing, {
      cookie: siteB.adminCookie,
      params: { id: articles.aPublished, key: 'zebraquartz warranty' },
    });
    expect(res.status).toBe(404);
  },
  'PUT /api/kb/articles/:id': async () => {
    expect((await asB().update(articles.aDraft, { title: 'Defaced', body: 'x', category: 'General', tags: [] })).status).toBe(404);
    expect((await db.collection('kbarticles').findOne({ _id: oid(articles.aDraft) }))?.title).toBe('Draftonly secret plans');
  },
  'POST /api/kb/articles/:id/publish': async () => {
    expect((await asB().publish(articles.aDraft)).status).toBe(404);
    expect(await search(bob.socket, 'draftonly')).toEqual([]);
  },
  'POST /api/kb/articles/:id/unpublish': async () => {
    expect((await asB().unpublish(articles.aPublished)).status).toBe(404);
    expect(await search(bob.socket, 'zebraquartz')).toContain(articles.aPublished);
  },
  'GET /api/kb/articles/:id/revisions': async () => {
    expect((await asB().revisions(articles.aDraft)).status).toBe(404);
  },
  'POST /api/kb/articles/:id/revisions/:number/restore': async () => {
    expect((await asB().restore(articles.aPublished, 1)).status).toBe(404);
  },
  'POST /api/kb/preview': async () => {
    // Renders only the body it is given: no site data in, nothing stored.
    const before = await db.collection('kbarticles').countDocuments();
    const { status, body } = await asB().preview(`[x](/help/articles/${articles.aDraft})`);
    expect(status).toBe(200);
    expect(String(body.html)).not.toContain('Draftonly');
    expect(await db.collection('kbarticles').countDocuments()).toBe(before);
  },
  'GET /api/kb/signals': async () => {
    await ok(request(bob.socket, 'kb:search', { query: 'nothing-matches-this-query', locale: 'en', limit: 5 }));
    const { status, body } = await asB().signals();
    expect(status).toBe(200);
    expect(JSON.stringify(body)).not.toContain('nothing-matches-this-query');
    expect(JSON.stringify(body)).not.toContain(articles.aPublished);
  },
  'GET /api/kb/gaps': async () => {
    await gapOfSiteA();
    const { status, body } = await call(server, routes.kb.gaps, { cookie: siteB.adminCookie });
    expect(status).toBe(200);
    expect(JSON.stringify(body)).not.toContain('paddleboards');
  },
  'DELETE /api/kb/gaps': async () => {
    const gap = await gapOfSiteA();
    await call(server, routes.kb.dismissGaps, { cookie: siteB.adminCookie, body: { questionIds: [gap] } });
    expect(await db.collection('kbgaps').countDocuments({ _id: oid(gap) })).toBe(1);
  },
  'POST /api/kb/gaps/article': async () => {
    const gap = await gapOfSiteA();
    const articlesBefore = await db.collection('kbarticles').countDocuments();
    const res = await call(server, routes.kb.articleFromGaps, { cookie: siteB.adminCookie, body: { questionIds: [gap] } });
    expect(res.status).toBe(404);
    expect(await db.collection('kbarticles').countDocuments()).toBe(articlesBefore);
    expect(await db.collection('kbgaps').countDocuments({ _id: oid(gap) })).toBe(1);
  },
  'POST /api/files/visitor': async () => {
    // Carol's token puts her file in her own conversation, on her own site.
    const res = await sendFile('/api/files/visitor', { token: carol.token });
    expect(res.status).toBe(201);
    const { message } = (await res.json()) as { message: Message };
    expect(message.conversationId).not.toBe(alice.conversationId);
    const conversation = await db.collection('conversations').findOne({ _id: oid(message.conversationId) });
    expect(String(conversation?.siteId)).toBe(siteB.siteId.toHexString());
  },
  'GET /api/files/visitor/:id/links': async () => {
    const { fileId } = await filesOfSiteA();
    const res = await fetch(`${server.url}/api/files/visitor/${fileId}/links`, { headers: { authorization: `Bearer ${carol.token}` } });
    expect(res.status).toBe(404);
  },
  'POST /api/files/conversations/:conversationId': async () => {
    const before = await db.collection('messages').countDocuments({ conversationId: oid(alice.conversationId) });
    expect((await sendFile(`/api/files/conversations/${alice.conversationId}`, { cookie: siteB.adminCookie })).status).toBe(404);
    expect(await db.collection('messages').countDocuments({ conversationId: oid(alice.conversationId) })).toBe(before);
  },
  'POST /api/files/conversations/:conversationId/canned/:shortcut': async () => {
    const { shortcut } = await filesOfSiteA();
    const before = await db.collection('messages').countDocuments({ conversationId: oid(alice.conversationId) });
    const res = await fetch(`${server.url}/api/files/conversations/${alice.conversationId}/canned/${shortcut}?clientId=${clientId()}`, {
      method: 'POST',
      headers: { cookie: siteB.adminCookie },
    });
    expect(res.status).toBe(404);
    expect(await db.collection('messages').countDocuments({ conversationId: oid(alice.conversationId) })).toBe(before);
  },
  'PUT /api/files/canned/:shortcut': async () => {
    const { shortcut } = await filesOfSiteA();
    const kept = await cannedFileOfSiteA(shortcut);
    expect((await sendFile(`/api/files/canned/${shortcut}`, { cookie: siteB.adminCookie }, 'PUT')).status).toBe(404);
    expect(await cannedFileOfSiteA(shortcut)).toBe(kept);
  },
  'DELETE /api/files/canned/:shortcut': async () => {
    const { shortcut } = await filesOfSiteA();
    const kept = await cannedFileOfSiteA(shortcut);
    const res = await fetch(`${server.url}/api/files/canned/${shortcut}`, { method: 'DELETE', headers: { cookie: siteB.adminCookie } });
    expect(res.status).toBe(404);
    expect(kept).toBeTruthy();
    expect(await cannedFileOfSiteA(shortcut)).toBe(kept);
  },
  'GET /api/files/:id': async () => {
    const { fileId } = await filesOfSiteA();
    const res = await fetch(`${server.url}/api/files/${fileId}`, { headers: { cookie: siteB.adminCookie } });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('alice file 7070');
    const own = await fetch(`${server.url}/api/files/${fileId}`, { headers: { cookie: agentACookie } });
    expect(await own.text()).toBe('alice file 7070\n');
  },
  'GET /api/analytics/:report': async () => {
    await ok(request(bob.socket, 'kb:search', { query: 'analyticsonlygap', locale: 'en', limit: 5 }));
    const today = new Date().toISOString().slice(0, 10);
    const kbReport = async (cookie: string) => {
      const res = await call(server, routes.analytics.report, { cookie, params: { report: 'kb' }, query: { from: today, to: today } });
      expect(res.status).toBe(200);
      return JSON.stringify(res.body);
    };
    expect(await kbReport(agentACookie)).toContain('analyticsonlygap'); // the control: site A sees its own gap
    expect(await kbReport(siteB.adminCookie)).not.toContain('analyticsonlygap');
  },
  'POST /api/auth/invite/peek': async () => {
    // Invites answer only to their own token; an unknown one reveals nothing.
    const res = await call(server, routes.auth.peekInvite, { cookie: siteB.adminCookie, body: { token: 'x'.repeat(32) } });
    expect(res.status).toBe(404);
  },
  'POST /api/auth/invite/accept': async () => {
    const res = await call(server, routes.auth.acceptInvite, { body: { token: 'x'.repeat(32), password: 'a-new-password-1' } });
    expect(res.status).toBe(404);
    expect((await call(server, routes.auth.me, { cookie: agentACookie })).status).toBe(200);
  },
  'POST /api/auth/password': async () => {
    const person = { email: 'b-person@example.com', name: 'B Person', role: 'agent' as const, password: 'b-person-password-1' };
    expect((await call(server, routes.users.create, { cookie: siteB.adminCookie, body: person })).status).toBe(201);
    const cookie = await signIn(server, person);
    const res = await call(server, routes.auth.changePassword, {
      cookie,
      body: { currentPassword: person.password, newPassword: 'b-person-password-2' },
    });
    expect(res.status).toBe(204);
    expect((await call(server, routes.auth.me, { cookie: agentACookie })).status).toBe(200);
  },
  'POST /api/auth/sign-out-everywhere': async () => {
    const person = { email: 'b-leaver@example.com', name: 'B Leaver', role: 'agent' as const, password: 'b-leaver-password-1' };
    expect((await call(server, routes.users.create, { cookie: siteB.adminCookie, body: person })).status).toBe(201);
    const cookie = await signIn(server, person);
    expect((await call(server, routes.auth.signOutEverywhere, { cookie })).status).toBe(204);
    expect((await call(server, routes.auth.me, { cookie: agentACookie })).status).toBe(200);
  },
  'GET /api/auth/preferences': async () => {
    // Preferences are the signed-in person's own: site B's admin reads theirs, never site A's agent's.
    expect((await call(server, routes.auth.updatePreferences, { cookie: agentACookie, body: { sound: false } })).status).toBe(200);
    const res = await call(server, routes.auth.preferences, { cookie: siteB.adminCookie });
    expect(res.body).toEqual({ preferences: { desktop: true, sound: true, emailWhenOffline: true } });
  },
  'PUT /api/auth/preferences': async () => {
    const before = await call(server, routes.auth.preferences, { cookie: agentACookie });
    const res = await call(server, routes.auth.updatePreferences, { cookie: siteB.adminCookie, body: { emailWhenOffline: false } });
    expect(res.body).toEqual({ preferences: { desktop: true, sound: true, emailWhenOffline: false } });
    expect((await call(server, routes.auth.preferences, { cookie: agentACookie })).body).toEqual(before.body);
  },
  'GET /api/users/': async () => {
    const res = await call(server, routes.users.list, { cookie: siteB.adminCookie });
    expect(res.body.users.map((u) => u.email)).not.toContain(ADMIN.email);
    expect(new Set(res.body.users.map((u) => u.siteId))).toEqual(new Set([siteB.siteId.toHexString()]));
  },
  'POST /api/users/': async () => {
    const res = await call(server, routes.users.create, {
      cookie: siteB.adminCookie,
      body: {
        email: 'b-new@example.com',
        name: 'B New',
        role: 'agent',
        siteId: (await conversationOf(alice.visitorId))!.siteId.toHexString(),
      } as CreateUserBody,
    });
    expect(res.status).toBe(201);
    expect(String((await db.collection('users').findOne({ _id: oid(res.body.user.id) }))?.siteId)).toBe(siteB.siteId.toHexString());
    // An email taken on site A is taken: one sign-in per email across the deployment.
    expect(
      (await call(server, routes.users.create, { cookie: siteB.adminCookie, body: { email: ADMIN.email, name: 'X', role: 'admin' } }))
        .status,
    ).toBe(409);
  },
  'PATCH /api/users/:id': async () => {
    const adminA = await adminIdOf(ADMIN.email, db);
    expect(
      (await call(server, routes.users.update, { params: { id: adminA }, cookie: siteB.adminCookie, body: { role: 'editor' } })).status,
    ).toBe(404);
    expect((await db.collection('users').findOne({ email: ADMIN.email }))?.role).toBe('admin');
  },
  'POST /api/users/:id/deactivate': async () => {
    const adminA = await adminIdOf(ADMIN.email, db);
    expect((await call(server, routes.users.deactivate, { params: { id: adminA }, cookie: siteB.adminCookie })).status).toBe(404);
    expect((await call(server, routes.auth.me, { cookie: agentACookie })).status).toBe(200);
  },
  'POST /api/users/:id/reactivate': async () => {
    const adminA = await adminIdOf(ADMIN.email, db);
    expect((await call(server, routes.users.reactivate, { params: { id: adminA }, cookie: siteB.adminCookie })).status).toBe(404);
  },
  'POST /api/users/:id/invite': async () => {
    // An invite link for site A's admin would be a password reset in site B's hands.
    const adminA = await adminIdOf(ADMIN.email, db);
    const res = await call(server, routes.users.reinvite, { params: { id: adminA }, cookie: siteB.adminCookie });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('invite=');
  },
  'GET /api/canned/': async () => {
    await call(server, routes.canned.create, {
      cookie: agentACookie,
      body: { shortcut: 'a-secret', title: 'A', text: 'alice-canned-9090' },
    });
    secretsOf.A.add('alice-canned-9090');
    const res = await call(server, routes.canned.list, { cookie: siteB.adminCookie });
    expect(JSON.stringify(res.body)).not.toContain('alice-canned-9090');
  },
  'POST /api/canned/': async () => {
    // The same shortcut on another site is that site's own.
    const res = await call(server, routes.canned.create, {
      cookie: siteB.adminCookie,
      body: { shortcut: 'a-secret', title: 'B', text: 'b text' },
    });
    expect(res.status).toBe(201);
    const own = await call(server, routes.canned.list, { cookie: agentACookie });
    expect(JSON.stringify(own.body)).toContain('alice-canned-9090');
  },
  'PUT /api/canned/:shortcut': async () => {
    await call(server, routes.canned.update, {
      params: { shortcut: 'a-secret' },
      cookie: siteB.adminCookie,
      body: { shortcut: 'a-secret', title: 'B2', text: 'b changed' },
    });
    const own = await call(server, routes.canned.list, { cookie: agentACookie });
    expect(JSON.stringify(own.body)).toContain('alice-canned-9090');
  },
  'DELETE /api/canned/:shortcut': async () => {
    await call(server, routes.canned.remove, { params: { shortcut: 'a-secret' }, cookie: siteB.adminCookie });
    const own = await call(server, routes.canned.list, { cookie: agentACookie });
    expect(JSON.stringify(own.body)).toContain('alice-canned-9090');
  },
  'GET /api/settings/': async () => {
    const res = await call(server, routes.settings.get, { cookie: siteB.adminCookie });
    expect(res.body.publicKey).toBe(siteB.publicKey);
    expect(res.body.secret).not.toBe(await siteSecret(server.dbName));
  },
  'PUT /api/settings/': async () => {
    const before = await db.collection('sites').findOne({ publicKey: server.demoSiteKey });
    const res = await call(server, routes.settings.update, {
      cookie: siteB.adminCookie,
      body: { greeting: 'Site B says hi', allowedOrigins: ['https://b.example'] },
    });
    expect(res.status).toBe(200);
    const after = await db.collection('sites').findOne({ publicKey: server.demoSiteKey });
    expect({ greeting: after?.greeting, allowedOrigins: after?.allowedOrigins }).toEqual({
      greeting: before?.greeting,
      allowedOrigins: before?.allowedOrigins,
    });
    await call(server, routes.settings.update, { cookie: siteB.adminCookie, body: { allowedOrigins: [] } });
  },
  'POST /api/settings/rotate-secret': async () => {
    const before = await siteSecret(server.dbName);
    const res = await call(server, routes.settings.rotateSecret, { cookie: siteB.adminCookie });
    expect(res.body.secret).not.toBe(before);
    expect(await siteSecret(server.dbName)).toBe(before);
    siteB.secret = res.body.secret;
  },
  'POST /api/webhooks/:siteKey/shop': async () => {
    const order = { type: 'order', visitorId: alice.visitorId, orderId: 'X-1', total: 1, currency: 'EUR' };
    // Signed with site B's secret but sent to site A: refused.
    expect((await postWebhook(server, siteB.secret, order)).status).toBe(401);
    // Sent to site B naming site A's visitor: never touches alice.
    expect((await postWebhook(siteB.reach, siteB.secret, { ...order, orderId: 'X-2' })).status).toBe(201);
    const stored = await db.collection('visitors').findOne({ _id: oid(alice.visitorId) });
    expect(stored?.orders ?? []).toEqual([]);
    expect(await db.collection('orders').countDocuments({ siteId: oid(siteB.siteId.toHexString()), visitorId: oid(alice.visitorId) })).toBe(
      0,
    );
  },
  'GET /help/articles/:id': async () => {
    expect((await fetch(`${server.url}/help/articles/${articles.aDraft}`)).status).toBe(404);
    expect((await fetch(`${server.url}/help/articles/${articles.aPublished}`)).status).toBe(200);
  },
  'GET /api/mail/outbox': async () => {
    // Each site's mails are in a folder of its own: site B's admin lists site B's (none here).
    const res = await call(server, routes.mail.outbox, { cookie: siteB.adminCookie });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
  },
  'GET /api/audit/': async () => {
    // Site A's admin signed in and changed things: site B's admin reads only site B's trail.
    const res = await call(server, routes.audit.list, { cookie: siteB.adminCookie });
    expect(res.status).toBe(200);
    expect(res.body.entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toContain(ADMIN.email);
    expect(JSON.stringify(res.body)).not.toContain(await adminIdOf(ADMIN.email, db));
  },
  'GET /api/audit/export.csv': async () => {
    const res = await fetch(`${server.url}/api/audit/export.csv`, { headers: { cookie: siteB.adminCookie } });
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toMatch(/^at,action,/);
    expect(csv).not.toContain(ADMIN.email);
  },
  'GET /api/ops/queues': async () => {
    // The queues are shared by every site: site B's admin sees none of site A's jobs.
    const failure = await failedJobOf(server.dbName, (await conversationOf(alice.visitorId))!.siteId.toHexString());
    try {
      const res = await call(server, routes.ops.queues, { cookie: siteB.adminCookie });
      expect(res.status).toBe(200);
      expect(res.body.queues.find((q) => q.name === 'kb-deflection')?.counts.failed).toBe(0);
      expect(JSON.stringify(res.body)).not.toContain(failure.id);
    } finally {
      await failure.queue.close();
    }
  },
  'POST /api/ops/queues/:queue/jobs/:jobId/retry': async () => {
    const failure = await failedJobOf(server.dbName, (await conversationOf(alice.visitorId))!.siteId.toHexString());
    try {
      const params = { queue: 'kb-deflection', jobId: failure.id };
      expect((await call(server, routes.ops.retryJob, { cookie: siteB.adminCookie, params })).status).toBe(404);
      expect(await failure.state()).toBe('failed');
    } finally {
      await failure.queue.close();
    }
  },
  'GET /api/files/settings': async () => {
    // Each site's agents read their own site's file limits.
    const mine = await call(server, routes.settings.get, { cookie: agentACookie });
    const attachments = { kinds: ['pdf' as const], maxMegabytes: 7 };
    const saved = await call(server, routes.settings.update, { cookie: agentACookie, body: { ...mine.body.settings, attachments } });
    expect(saved.status).toBe(200);
    expect((await call(server, routes.files.settings, { cookie: agentACookie })).body).toEqual({ attachments });
    const theirs = await call(server, routes.files.settings, { cookie: siteB.adminCookie });
    expect(theirs.status).toBe(200);
    expect(theirs.body).not.toEqual({ attachments });
    await call(server, routes.settings.update, { cookie: agentACookie, body: mine.body.settings });
  },
  'GET /api/visitors/': async () => {
    // A data request's search by email finds only the admin's own site's visitors.
    const email = 'alice-data-request@example.com';
    await db.collection('visitors').updateOne({ _id: oid(alice.visitorId) }, { $set: { email } });
    const mine = await call(server, routes.privacy.lookup, { cookie: agentACookie, query: { email } });
    expect(mine.body).toMatchObject({ visitors: [{ id: alice.visitorId }] });
    const theirs = await call(server, routes.privacy.lookup, { cookie: siteB.adminCookie, query: { email } });
    expect([theirs.status, theirs.body]).toEqual([200, { visitors: [] }]);
  },
  'GET /api/visitors/:visitorId/export': async () => {
    // Site B's admin cannot export site A's visitor: not found, and nothing of alice's in the answer.
    const res = await call(server, routes.privacy.export, { cookie: siteB.adminCookie, params: { visitorId: alice.visitorId } });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(ALICE_SAYS);
  },
  'POST /api/visitors/:visitorId/erase': async () => {
    const res = await call(server, routes.privacy.erase, { cookie: siteB.adminCookie, params: { visitorId: alice.visitorId } });
    expect(res.status).toBe(404);
    expect(await db.collection('visitors').countDocuments({ _id: oid(alice.visitorId) })).toBe(1);
    expect(await conversationOf(alice.visitorId)).not.toBeNull();
  },
  'GET /api/privacy/visitor/export': async () => {
    // A visitor's own export is theirs: carol's token (site B) answers carol's file, nothing of site A.
    const res = await fetch(`${server.url}/api/privacy/visitor/export`, { headers: { authorization: `Bearer ${carol.token}` } });
    expect(res.status).toBe(200);
    const file = await res.text();
    expect(file).toContain(carol.visitorId);
    for (const secret of [ALICE_SAYS, alice.visitorId, alice.conversationId, 'cust-alice']) expect(file).not.toContain(secret);
    // A console session is no visitor token.
    expect((await fetch(`${server.url}/api/privacy/visitor/export`, { headers: { cookie: agentACookie } })).status).toBe(401);
  },
  'POST /api/privacy/visitor/erase': async () => {
    // A visitor of site B erases themselves; site A's visitor and conversation stay whole.
    const doomed = await syncedVisitor(visitorFrom(siteB.reach, '127.0.0.1'));
    const res = await fetch(`${server.url}/api/privacy/visitor/erase`, {
      method: 'POST',
      headers: { authorization: `Bearer ${doomed.token}` },
    });
    expect(await res.json()).toEqual({ status: 'erased' });
    expect(await siteB.db.collection('visitors').countDocuments({ _id: oid(doomed.visitorId) })).toBe(0);
    expect(await db.collection('visitors').countDocuments({ _id: oid(alice.visitorId) })).toBe(1);
    expect(await messagesIn(alice.conversationId)).toBeGreaterThan(0);
  },
  'POST /api/privacy/visitor/link': async () => {
    // Site B's widget asking for alice's address finds nobody (202 alike); site A's finds her: one mail, in site A's outbox.
    const email = 'alice-link-request@example.com';
    await db.collection('visitors').updateOne({ _id: oid(alice.visitorId) }, { $set: { email } });
    const ask = (siteKey: string) =>
      fetch(`${server.url}/api/privacy/visitor/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ siteKey, email, action: 'export' }),
      });
    const outboxOf = async (cookie: string) => (await call(server, routes.mail.outbox, { cookie })).body.total;
    const before = await outboxOf(agentACookie);
    expect((await ask(siteB.publicKey)).status).toBe(202);
    expect((await ask(server.demoSiteKey)).status).toBe(202);
    await expect.poll(() => outboxOf(agentACookie)).toBe(before + 1);
    expect(await outboxOf(siteB.adminCookie)).toBe(0);
  },
  'GET /privacy/visitor': async () => {
    // A link of site B's visitor rewritten to name alice loses its signature: refused, and it shows nothing of hers.
    const res = await fetch(await linkRewrittenForAlice());
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain(alice.visitorId);
  },
  'POST /privacy/visitor': async () => {
    for (const action of ['export', 'erase'] as const) {
      const res = await fetch(await linkRewrittenForAlice(action), { method: 'POST' });
      expect(res.status).toBe(400);
      expect(await res.text()).not.toContain(ALICE_SAYS);
    }
    expect(await db.collection('visitors').countDocuments({ _id: oid(alice.visitorId) })).toBe(1);
  },
  'GET /metrics': async () => {
    // Deployment-wide numbers: a session of any site opens nothing to a remote client (no METRICS_TOKEN here).
    const res = await fetch(`${server.url}/metrics`, { headers: { cookie: siteB.adminCookie, 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(403);
  },
  'GET /mail/unsubscribe': async () => {
    // A link for alice needs the server's signature: a made-up one is refused.
    const forged = `${server.url}/mail/unsubscribe?t=${alice.visitorId}.${'A'.repeat(43)}`;
    expect((await fetch(forged)).status).toBe(400);
  },
  'POST /mail/unsubscribe': async () => {
    const forged = `${server.url}/mail/unsubscribe?t=${alice.visitorId}.${'A'.repeat(43)}`;
    expect((await fetch(forged, { method: 'POST' })).status).toBe(400);
    expect((await db.collection('visitors').findOne({ _id: oid(alice.visitorId) }))?.emailOptOutAt ?? null).toBeNull();
  },
};

/** A data-request link the server signed for carol (site B), its payload then rewritten to name alice. */
async function linkRewrittenForAlice(action: 'export' | 'erase' = 'export'): Promise<string> {
  const scope = { siteId: siteB.siteId.toHexString(), visitorIds: [carol.visitorId], action, locale: 'en' as const };
  const link = new URL(await server.dataRequestLinks.link(scope, Date.now()));
  const [header, payload, signature] = link.searchParams.get('t')!.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const rewritten = Buffer.from(
    JSON.stringify({ ...claims, site: (await conversationOf(alice.visitorId))!.siteId.toHexString(), vis: [alice.visitorId] }),
  );
  link.searchParams.set('t', `${header}.${rewritten.toString('base64url')}.${signature}`);
  return link.toString();
}

/** Routes that serve no tenant's private data, and why. */
const publicRoutes: Record<string, string> = {
  'GET /healthz': 'component states only',
  'GET /widget.js': 'static build output',
  'GET /': 'redirect to the demo shop',
  'GET /^\\/console(\\/.*)?$/': 'the console SPA shell; data comes over the authenticated socket and API',
  'GET /demo/': 'the demo shop pages (static catalogue)',
  'GET /demo/product/:slug': 'the demo shop pages (static catalogue)',
  'GET /demo/cart': 'the demo shop pages (static catalogue)',
  'GET /demo/shipping': 'the demo shop pages (static catalogue)',
  'GET /demo/checkout': 'the demo shop pages (static catalogue)',
  'POST /demo/api/orders': "the demo shop's own backend; reports to the demo site through its signed webhook",
  'GET /api/widget/privacy': "a site's consent mode and privacy page, which the widget shows to anyone (widget-privacy tests)",
  'GET /conversation':
    'the hosted conversation page: a shell with the public widget of the site a signed link names; the conversation comes over the socket once the link is checked (resume-exchange, resume-page tests)',
};

/** Every `METHOD path` the running app routes, read from Express's router (mounted routers included). */
function appRoutes(app: Express): string[] {
  interface Layer {
    route?: { path: string | RegExp; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
    rawPath?: string | RegExp;
  }
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${prefix}${String(layer.route.path)}`);
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...new Set(found)];
}

describe('isolation on every socket event and HTTP route', () => {
  it('has a case for every event of the contract and every route of the app', () => {
    const routes = appRoutes(server.app);
    expect(routes.length).toBeGreaterThan(15);
    const uncovered = [
      ...Object.keys(visitorRequests)
        .filter((e) => !(e in visitorCases))
        .map((e) => `visitor event ${e}`),
      ...Object.keys(agentRequests)
        .filter((e) => !(e in agentCases))
        .map((e) => `agent event ${e}`),
      ...routes.filter((r) => !(r in httpCases) && !(r in publicRoutes)).map((r) => `route ${r}`),
    ];
    expect(uncovered, 'add an isolation case for these').toEqual([]);
    // And no stale case for something that no longer exists.
    expect(Object.keys(httpCases).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it.each(Object.keys(visitorRequests))('visitor event %s: other visitors and sites stay out', async (event) => {
    await visitorCases[event as keyof typeof visitorCases]();
  });

  it.each(Object.keys(agentRequests))('agent event %s: another site cannot reach this one', async (event) => {
    await agentCases[event as keyof typeof agentCases]();
  });

  it.each(Object.keys(httpCases))('%s: another site cannot reach this one', async (route) => {
    await httpCases[route]!();
  });

  it('left nobody holding anything of the other side', async () => {
    // Let every push, offer and context update of the run arrive.
    await new Promise((r) => setTimeout(r, 500));
    const holds = (name: string, secrets: Set<string>) => {
      const text = JSON.stringify(received.get(name));
      return [...secrets].filter((s) => text.includes(s));
    };
    expect(holds('agentB', secretsOf.A)).toEqual([]);
    expect(holds('carol', secretsOf.A)).toEqual([]);
    expect(holds('agentA', secretsOf.B)).toEqual([]);
    expect(holds('alice', secretsOf.B)).toEqual([]);
    const bobText = JSON.stringify(received.get('bob'));
    expect([ALICE_SAYS, alice.conversationId, 'cust-alice', 'alice-private page'].filter((s) => bobText.includes(s))).toEqual([]);
    // The recordings are not empty: the sockets did receive their own side's pushes.
    expect(JSON.stringify(received.get('agentA'))).toContain(ALICE_SAYS);
    expect(JSON.stringify(received.get('agentB'))).toContain(CAROL_SAYS);
    const cases = Object.keys(visitorCases).length + Object.keys(agentCases).length + Object.keys(httpCases).length;
    reportAttacks(
      'cross-visitor and cross-site access',
      cases,
      `${Object.keys(visitorCases).length} visitor events, ${Object.keys(agentCases).length} agent events, ${Object.keys(httpCases).length} HTTP routes with tenant data; ${Object.keys(publicRoutes).length} public routes listed`,
    );
  });
});
