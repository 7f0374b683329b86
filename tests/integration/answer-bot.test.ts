import { Redis } from 'ioredis';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConversationSummary } from '../../shared/contract';
import { ask, botMessages, ok, visitorWithMessages } from '../helpers/kb-bot';
import { openDb } from '../helpers/kb';
import { request, signIn, startTestServer, type AgentSocket, type TestServer, type VisitorSocket } from '../helpers/test-server';
import { agentSocket } from '../helpers/workplace';

// The demo site with its answer bot on, as a fresh `npm start` has it; an answer counts as an assumed
// resolution after 1 s of quiet instead of 10 minutes (an operator's setting).
let server: TestServer;
let db: mongoose.Connection;
let redis: Redis;
let agent: AgentSocket;
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeAll(async () => {
  server = await startTestServer({ DEMO_ANSWER_BOT: 'on', ANSWER_BOT_ASSUMED_AFTER_SECONDS: '1' });
  db = await openDb(server.dbName);
  redis = new Redis(inject('redisUrl'), { keyPrefix: `${server.dbName}:` });
  agent = await agentSocket(server, await signIn(server), sockets);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  redis?.disconnect();
  await db?.close();
  await server?.close();
});

const visitor = () => visitorWithMessages(server, sockets);
/** The conversation as the inbox shows it (live: the database copy follows after a quiet period). */
async function conversation(id: string): Promise<ConversationSummary | undefined> {
  const { conversations } = await ok(request<{ conversations: ConversationSummary[] }>(agent, 'conversations:list', { status: 'open' }));
  return conversations.find((c) => c.id === id);
}
async function botCounts(): Promise<Record<string, number>> {
  const site = await db.collection('sites').findOne({});
  const day = new Date().toISOString().slice(0, 10);
  const hash = await redis.hgetall(`analytics:pending:${site!._id.toHexString()}:${day}`);
  return Object.fromEntries(Object.entries(hash).flatMap(([k, v]) => (k.startsWith('bot|') ? [[k.slice(4), Number(v)]] : [])));
}

describe('answer bot', () => {
  it('answers a question it is sure of within a second, with the passage that answers and the article', async () => {
    const { socket, pushed } = await visitor();
    const question = await ask(socket, 'How long does shipping take?');
    const ackedAt = Date.now();
    await expect.poll(() => botMessages(pushed).length, { timeout: 1000, interval: 20 }).toBe(1);
    const [answer] = botMessages(pushed);
    expect(Date.now() - ackedAt).toBeLessThan(1000);
    expect(answer!.answer).toMatchObject({ title: 'How long does shipping take and what does it cost?', mode: 'answer' });
    expect(answer!.text).toContain('Standard — 3–5 working days');
    expect(answer!.text).not.toContain('|');
    // Answered: nobody waits any more.
    expect(await conversation(question.conversationId)).toMatchObject({ waitingSince: null });

    // "That helped": a confirmed resolution, counted once however often it is clicked.
    const before = await botCounts();
    for (let i = 0; i < 2; i++) expect((await request(socket, 'bot:helped', { messageId: answer!.id })).ok).toBe(true);
    const after = await botCounts();
    expect((after.confirmed ?? 0) - (before.confirmed ?? 0)).toBe(1);
  });

  it('says nothing when no article fits; the question waits for a person', async () => {
    const { socket, pushed } = await visitor();
    const question = await ask(socket, 'Zyxwv quork blorf?');
    await new Promise((r) => setTimeout(r, 500));
    expect(botMessages(pushed)).toEqual([]);
    expect((await conversation(question.conversationId))?.waitingSince).toBeTruthy();
  });

  it('puts a person first for a buyer with a cart: routed at once, the passage shown while they wait', async () => {
    const { socket, pushed } = await visitor();
    expect((await request(socket, 'track', { type: 'cart', items: 1, value: 89, currency: 'USD' })).ok).toBe(true);
    const offered = new Promise<unknown>((resolve) => agent.once('escalation:offer', resolve));
    const question = await ask(socket, 'How long does shipping take?');
    await expect.poll(() => botMessages(pushed).length, { timeout: 1000, interval: 20 }).toBe(1);
    expect(botMessages(pushed)[0]!.answer?.mode).toBe('while_you_wait');
    await offered;
    expect((await conversation(question.conversationId))?.waitingSince).toBeTruthy();
    // The agent's top suggestion is the article the visitor was shown while waiting.
    const suggested = await request<{ results: Array<{ id: string }> }>(agent, 'kb:suggest', { conversationId: question.conversationId });
    expect(suggested.ok && suggested.data.results[0]?.id).toBe(botMessages(pushed)[0]!.answer?.articleId);
  });

  it('hands off when the visitor asks for a person in words, and counts the answer before it as handed off', async () => {
    const { socket, pushed } = await visitor();
    await ask(socket, 'What is your return policy?');
    await expect.poll(() => botMessages(pushed).length, { timeout: 1000, interval: 20 }).toBe(1);
    const before = await botCounts();
    const request = await ask(socket, 'I want to talk to a human');
    await expect.poll(() => pushed.some((m) => m.author === 'system'), { timeout: 2000 }).toBe(true);
    expect((await conversation(request.conversationId))?.waitingSince).toBeTruthy();
    await expect.poll(async () => ((await botCounts()).handed_off ?? 0) - (before.handed_off ?? 0), { timeout: 2000 }).toBe(1);
  });

  it('counts an answer followed by quiet as an assumed resolution, and one followed by another question as neither', async () => {
    const before = await botCounts();
    const quiet = await visitor();
    await ask(quiet.socket, 'How do I track my order?');
    const asking = await visitor();
    await ask(asking.socket, 'How do I track my order?');
    await expect.poll(() => botMessages(asking.pushed).length, { timeout: 1000, interval: 20 }).toBe(1);
    await ask(asking.socket, 'The link you sent does not open on my phone, what now?');
    await expect.poll(async () => ((await botCounts()).assumed ?? 0) - (before.assumed ?? 0), { timeout: 5000, interval: 100 }).toBe(1);
    // The second visitor's wait is past too: still one.
    await new Promise((r) => setTimeout(r, 1500));
    expect(((await botCounts()).assumed ?? 0) - (before.assumed ?? 0)).toBe(1);
  });
});
