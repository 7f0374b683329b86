// Export and erase of one visitor (issue 18, item 3, server side): the export file's contents, and an
// erasure that leaves nothing findable by the visitor's id, email or words in any collection, Redis key
// or value (search index, caches, bull jobs); twice is fine; other sites and agents are refused.
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { phrasingKey, storableQuestion } from '../../server/kb/learning/phrasings';
import { routes } from '../../shared/contract';
import { openDb } from '../helpers/kb';
import { documentsNaming, emailOf, NOTE, oid, redisNaming, says, seededVisitor } from '../helpers/privacy';
import { call } from '../helpers/rest';
import { secondTenant } from '../helpers/security';
import { connected, connectVisitor, request, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { agentSocket, signedInUser } from '../helpers/workplace';

let server: TestServer;
let db: Connection;
let redis: Redis;
let cookie: string;
const sockets: Array<{ close(): unknown }> = [];

/** A visitor of the demo site with something of everything (tests/helpers/privacy.ts). */
const seeded = (tag: string) => seededVisitor(server, db, cookie, sockets, tag);

/** A phrasing learned from what the visitor asked, as the knowledge base stores it (on a demo article). */
async function learnedFrom(question: string) {
  const article = await db.collection('kbarticles').findOne({ locale: 'en' });
  const text = storableQuestion(question, 'en')!;
  const phrasing = {
    text,
    key: phrasingKey(text),
    locale: 'en',
    source: 'insert',
    counts: { insert: 1, helped: 0, handoff: 0 },
    firstAt: 1,
    lastAt: 1,
  };
  await db
    .collection('kbphrasings')
    .updateOne({ _id: article!._id }, { $set: { siteId: article!.siteId, seq: 1 }, $push: { phrasings: phrasing } } as never, {
      upsert: true,
    });
}

beforeAll(async () => {
  server = await startTestServer();
  db = await openDb(server.dbName);
  redis = new Redis(inject('redisUrl'));
  cookie = await signIn(server);
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  redis?.disconnect();
  await db?.close();
  await server?.close();
});

describe('export', () => {
  it('downloads one JSON file with the visitor, conversations, messages, notes, orders, ratings, files and timeline', async () => {
    const { visitorId, conversationId } = await seeded('export');
    const res = await fetch(`${server.url}/api/visitors/${visitorId}/export`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="visitor-${visitorId}.json"`);
    type Records = Array<Record<string, unknown>>;
    const file = (await res.json()) as {
      visitor: Record<string, unknown>;
      timeline: { stages: Array<{ stage: string }> };
    } & Record<'conversations' | 'messages' | 'notes' | 'orders' | 'ratings' | 'files', Records>;
    expect(file.visitor._id).toBe(visitorId);
    expect(file.visitor.email).toBe(emailOf('export'));
    expect(file.conversations.map((c) => c._id)).toEqual([conversationId]);
    expect(file.messages.map((m) => m.text)).toContain(says('export'));
    expect(file.notes.map((n) => n.text)).toEqual([`${NOTE} export`]);
    expect(file.orders.map((o) => [o.orderId, o.total])).toEqual([['ORD-export', 42]]);
    expect(file.ratings.map((r) => [r.rating, r.comment])).toEqual([[2, 'slow export']]);
    expect(file.files.map((f) => [f.name, f.conversationId])).toEqual([['receipt.txt', conversationId]]);
    expect(file.timeline.stages[0]?.stage).toBe('awareness');
    await expect.poll(() => db.collection('auditentries').countDocuments({ action: 'visitor.exported' })).toBe(1);
  });

  it("answers 404 to another site's admin and 403 to an agent", async () => {
    const { visitorId } = await seeded('refused');
    const other = await secondTenant(server);
    const agent = await signedInUser(server, db, 'agent');
    try {
      for (const route of [routes.privacy.export, routes.privacy.erase]) {
        expect((await call(server, route, { cookie: other.adminCookie, params: { visitorId } })).status).toBe(404);
        expect((await call(server, route, { cookie: agent.cookie, params: { visitorId } })).status).toBe(403);
      }
      expect(await db.collection('visitors').countDocuments({ _id: oid(visitorId) })).toBe(1);
    } finally {
      await other.db.close();
    }
  });
});

describe('lookup by email (a data request)', () => {
  it("finds the site's visitors stored with the address, whatever its case, and records each one shown", async () => {
    const { visitorId } = await seeded('lookup');
    const lookup = (email: string, as = cookie) => call(server, routes.privacy.lookup, { cookie: as, query: { email } });
    const found = await lookup(emailOf('lookup').toUpperCase());
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ visitors: [{ id: visitorId, email: emailOf('lookup'), conversations: 1 }] });
    await expect.poll(() => db.collection('auditentries').countDocuments({ action: 'visitor.lookedUp', targetId: visitorId })).toBe(1);
    expect((await lookup('nobody@example.com')).body).toEqual({ visitors: [] });
    expect((await lookup('not an address')).status).toBe(400);

    const other = await secondTenant(server);
    const agent = await signedInUser(server, db, 'agent');
    try {
      expect((await lookup(emailOf('lookup'), other.adminCookie)).body).toEqual({ visitors: [] });
      expect((await lookup(emailOf('lookup'), agent.cookie)).status).toBe(403);
    } finally {
      await other.db.close();
    }
  });
});

describe('erase', () => {
  it('leaves nothing findable by id, email or words in any collection, Redis key, search result or job; twice is fine', async () => {
    const { visitorId, conversationId, socket } = await seeded('erase');
    const ids = [visitorId, conversationId];
    const needles = [...ids, emailOf('erase'), 'zebrafinch' + 'erase', `${NOTE} erase`];
    await learnedFrom(says('erase'));
    expect((await documentsNaming(db, needles)).length).toBeGreaterThan(0);
    expect((await redisNaming(redis, server.dbName, [conversationId])).length).toBeGreaterThan(0);

    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    const res = await call(server, routes.privacy.erase, { cookie, params: { visitorId } });
    expect([res.status, res.body.status]).toEqual([200, 'erased']);
    await disconnected;

    expect(await documentsNaming(db, needles.slice(2))).toEqual([]);
    // Only the audit trail names the ids (what was opened, exported, erased, and by whom): no labels, no text.
    const left = await documentsNaming(db, ids);
    expect(left.filter((doc) => !doc.startsWith('auditentries:'))).toEqual([]);
    expect(await redisNaming(redis, server.dbName, needles)).toEqual([]);
    const agent = await agentSocket(server, cookie, sockets);
    const search = await request<{ conversations: unknown[] }>(agent, 'conversations:search', { query: 'zebrafincherase' });
    expect(search.ok && search.data.conversations).toEqual([]);
    await expect.poll(() => db.collection('auditentries').countDocuments({ action: 'visitor.erased' })).toBe(1);

    const again = await call(server, routes.privacy.erase, { cookie, params: { visitorId } });
    expect(again.status).toBe(404);
    const exportAfter = await call(server, routes.privacy.export, { cookie, params: { visitorId } });
    expect(exportAfter.status).toBe(404);
  });

  it('finishes an erasure that stopped midway when it runs again', async () => {
    const { visitorId, conversationId, token } = await seeded('resume');
    // As if a process died after the first steps: the visitor is marked and their messages are gone.
    await db.collection('visitors').updateOne({ _id: oid(visitorId) }, { $set: { erasingAt: new Date() } });
    await db.collection('messages').deleteMany({ conversationId: oid(conversationId) });
    // Meanwhile their widget cannot come back to write.
    const widget = connectVisitor(server, { token });
    sockets.push(widget);
    await expect(connected(widget)).rejects.toThrow('This visitor no longer exists.');
    const res = await call(server, routes.privacy.erase, { cookie, params: { visitorId } });
    expect(res.body.status).toBe('erased');
    const left = await documentsNaming(db, [conversationId, 'ORD-resume', 'slow resume', emailOf('resume')]);
    expect(left.filter((doc) => !doc.startsWith('auditentries:'))).toEqual([]);
    expect(await db.collection('visitors').countDocuments({ _id: oid(visitorId) })).toBe(0);
  });
});
