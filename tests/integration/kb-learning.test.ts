import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId, ask, botMessages, ok, replyWithArticle, topHit, visitorWithMessages } from '../helpers/kb-bot';
import { openDb } from '../helpers/kb';
import { request, signIn, startTestServer, type AgentSocket, type TestServer, type VisitorSocket } from '../helpers/test-server';
import { agentSocket } from '../helpers/workplace';

// The knowledge base learns the questions its articles answered: from an agent's reply that carries
// an article, from a visitor's "That helped" under the bot's answer, and loses a pairing when the
// visitor asks for a person right after it. What it learns is stored, indexed in every process and
// kept across restarts.
let first: TestServer;
let second: TestServer | null = null;
let db: mongoose.Connection;
const sockets: Array<VisitorSocket | AgentSocket> = [];
const env = { DEMO_ANSWER_BOT: 'on' };

beforeAll(async () => {
  first = await startTestServer(env);
  db = await openDb(first.dbName);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await second?.close();
  await db?.close();
  await first?.close();
});

const agentOn = async (server: TestServer) => agentSocket(server, await signIn(server), sockets);
const visitorOn = (server: TestServer) => visitorWithMessages(server, sockets);
const phrasingsOf = async (id: mongoose.Types.ObjectId) =>
  ((await db.collection('kbphrasings').findOne({ _id: id }))?.phrasings ?? []) as Array<{
    text: string;
    source: string;
    counts: { insert: number; helped: number; handoff: number };
  }>;

describe('a knowledge base that learns', () => {
  it('learns the question an agent answered with an article, in every process and across a restart', async () => {
    const agent = await agentOn(first);
    second = await startTestServer(env, undefined, first.dbName);
    const elsewhere = await visitorOn(second);
    const QUESTION = 'my zorblat parcel is stuck';
    // Nothing answers it yet, in either process (the second one has built its index).
    expect(await topHit(agent, 'zorblat')).toBeNull();
    expect(await topHit(elsewhere.socket, 'zorblat')).toBeNull();

    const { socket } = await visitorOn(first);
    const question = await ask(socket, QUESTION);
    const tracking = await articleId(db, 'track-order');
    await replyWithArticle(agent, question.conversationId, tracking.toHexString());

    const TITLE = 'Where is my order? Tracking your parcel';
    await expect.poll(() => topHit(agent, 'zorblat'), { timeout: 3000 }).toBe(TITLE);
    await expect.poll(() => topHit(elsewhere.socket, 'zorblat'), { timeout: 3000 }).toBe(TITLE);
    expect(await phrasingsOf(tracking)).toMatchObject([{ text: QUESTION, source: 'insert', counts: { insert: 1 } }]);

    await second.close();
    second = null;
    await first.close();
    first = await startTestServer(env, undefined, first.dbName);
    const after = await visitorOn(first);
    expect(await topHit(after.socket, 'zorblat')).toBe(TITLE);
  });

  it('learns from "That helped", and a hand-off right after the same answer takes the pairing out of the index', async () => {
    const shipping = await articleId(db, 'shipping-times');
    const QUESTION = 'how long does shipping take to Brno';
    const helped = await visitorOn(first);
    await ask(helped.socket, QUESTION);
    await expect.poll(() => botMessages(helped.pushed).length, { timeout: 2000 }).toBe(1);
    const answer = botMessages(helped.pushed)[0]!;
    await ok(request(helped.socket, 'bot:helped', { messageId: answer.id }));
    await expect.poll(async () => (await phrasingsOf(shipping)).find((p) => p.text === QUESTION)?.counts.helped).toBe(1);
    const editors = await agentOn(first);
    expect(await topHit(editors, 'Brno')).toBe('How long does shipping take and what does it cost?');

    const unhappy = await visitorOn(first);
    await ask(unhappy.socket, QUESTION);
    await expect.poll(() => botMessages(unhappy.pushed).length, { timeout: 2000 }).toBe(1);
    await ok(request(unhappy.socket, 'escalation:request-person', {}));
    await expect.poll(async () => (await phrasingsOf(shipping)).find((p) => p.text === QUESTION)?.counts.handoff).toBe(1);
    // Lowered below zero (a hand-off weighs more than a click): kept for the editors, no longer searched.
    expect(await topHit(editors, 'Brno')).toBeNull();
  });
});
