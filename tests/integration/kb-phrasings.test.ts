import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/contract';
import { articleId, ask, botMessages, ok, replyWithArticle, topHit, visitorWithMessages } from '../helpers/kb-bot';
import { addSite, addUser, openDb } from '../helpers/kb';
import { call } from '../helpers/rest';
import { request, signIn, startTestServer, type AgentSocket, type TestServer, type VisitorSocket } from '../helpers/test-server';
import { agentSocket } from '../helpers/workplace';

// Editors stay in control of what the knowledge base learned: the editor's REST API lists an
// article's learned phrasings (source, counts, whether searched) and removes one, from every index.
let server: TestServer;
let db: mongoose.Connection;
let editor: string;
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeAll(async () => {
  server = await startTestServer({ DEMO_ANSWER_BOT: 'on' });
  db = await openDb(server.dbName);
  editor = await signIn(server, await addUser(db, 'editor'));
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await db?.close();
  await server?.close();
});

const visitor = () => visitorWithMessages(server, sockets);
const hexId = async (key: string) => (await articleId(db, key)).toHexString();
const list = (id: string, cookie = editor) => call(server, routes.kb.phrasings, { cookie, params: { id } });
const remove = (id: string, key: string, cookie = editor) => call(server, routes.kb.removePhrasing, { cookie, params: { id, key } });

describe("editors see and remove an article's learned phrasings", () => {
  it('lists what an agent reply taught, refuses another site, and removal takes it out of search', async () => {
    const agent = await agentSocket(server, await signIn(server), sockets);
    const tracking = await hexId('track-order');
    expect(await list(tracking)).toMatchObject({ status: 200, body: { phrasings: [] } });
    expect(await topHit(agent, 'quibblex')).toBeNull();

    // Learned through the product: a visitor's question, then an agent's reply carrying the article.
    const QUESTION = 'my quibblex parcel is stuck';
    const { socket } = await visitor();
    const question = await ask(socket, QUESTION);
    await replyWithArticle(agent, question.conversationId, tracking);
    const TITLE = 'Where is my order? Tracking your parcel';
    await expect.poll(() => topHit(agent, 'quibblex'), { timeout: 3000 }).toBe(TITLE);

    const listed = await list(tracking);
    expect(listed.status).toBe(200);
    expect(listed.body.phrasings).toEqual([
      {
        key: 'my quibblex parcel is stuck',
        text: QUESTION,
        source: 'insert',
        counts: { insert: 1, helped: 0, handoff: 0 },
        lastAt: expect.any(String),
        indexed: true,
      },
    ]);
    expect(Date.parse(listed.body.phrasings[0]!.lastAt)).toBeLessThanOrEqual(Date.now());

    // Another site's editor neither sees nor removes it.
    const other = await addSite(db);
    const stranger = await signIn(server, await addUser(db, 'editor', other.siteId));
    expect(await list(tracking, stranger)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    const key = listed.body.phrasings[0]!.key;
    expect(await remove(tracking, key, stranger)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect((await list(tracking)).body.phrasings).toHaveLength(1);

    expect((await remove(tracking, key)).status).toBe(204);
    expect((await list(tracking)).body.phrasings).toEqual([]);
    expect(await topHit(agent, 'quibblex')).toBeNull();
    expect(await topHit(socket, 'quibblex')).toBeNull();
  });

  it('marks a phrasing a hand-off lowered below zero as not indexed, with the counts that did it', async () => {
    const shipping = await hexId('shipping-times');
    const QUESTION = 'how long does shipping take to Plzen';
    const helped = await visitor();
    await ask(helped.socket, QUESTION);
    await expect.poll(() => botMessages(helped.pushed).length, { timeout: 2000 }).toBe(1);
    await ok(request(helped.socket, 'bot:helped', { messageId: botMessages(helped.pushed)[0]!.id }));
    await expect
      .poll(async () => (await list(shipping)).body.phrasings.find((p) => p.text === QUESTION))
      .toMatchObject({ source: 'helped', counts: { insert: 0, helped: 1, handoff: 0 }, indexed: true });

    const unhappy = await visitor();
    await ask(unhappy.socket, QUESTION);
    await expect.poll(() => botMessages(unhappy.pushed).length, { timeout: 2000 }).toBe(1);
    await ok(request(unhappy.socket, 'escalation:request-person', {}));
    await expect
      .poll(async () => (await list(shipping)).body.phrasings.find((p) => p.text === QUESTION))
      .toMatchObject({ source: 'helped', counts: { insert: 0, helped: 1, handoff: 1 }, indexed: false });
  });
});
