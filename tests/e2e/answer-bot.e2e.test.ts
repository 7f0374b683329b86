import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { connectAgent, connected, signIn, startTestServer, type AgentSocket, type TestServer } from '../helpers/test-server';

// The demo site as a fresh `npm start` has it: the answer bot on.
let server: TestServer;
let browser: TestBrowser;
let agent: AgentSocket;

beforeAll(async () => {
  server = await startTestServer({ DEMO_ANSWER_BOT: 'on' });
  browser = await sharedBrowser();
  // An agent online: the widget shows "Talk to a person" under an answer, and no email step.
  agent = connectAgent(server, await signIn(server));
  await connected(agent);
});
afterAll(async () => {
  agent?.close();
  await browser?.dispose();
  await server?.close();
});

it('answers "how long does shipping take?" on /demo, and "That helped" counts a confirmed resolution', async () => {
  const shop = await browser.newContext();
  const visitor = await shop.newPage();
  await visitor.goto(`${server.url}/demo/product/trail-runner-shoes`);
  await visitor.getByRole('button', { name: /chat/i }).click();
  const message = visitor.getByRole('textbox', { name: 'Message' });
  await message.fill('How long does shipping take?');
  await message.press('Enter');
  await expect.poll(() => visitor.getByText('Sending…').count()).toBe(0);
  const ackedAt = Date.now();
  await visitor.getByText('Express — 1–2 working days — $12.90').waitFor({ timeout: 10_000 });
  // A figure, not an assertion: tests share the machine with browsers and servers.
  console.log(`[answer-bot] the answer showed ${Date.now() - ackedAt} ms after the question's ack`);
  await visitor.getByText('Assistant').waitFor();
  await visitor.getByRole('button', { name: 'Talk to a person' }).waitFor();
  await visitor.screenshot({ path: 'test-results/e2e-answer-bot.png' });

  await visitor.getByRole('button', { name: 'That helped' }).click();
  await visitor.getByText('Glad it helped!').waitFor();
  const site = await mongoose.connection.collection('sites').findOne({});
  const redis = new Redis(inject('redisUrl'), { keyPrefix: `${server.dbName}:` });
  const day = new Date().toISOString().slice(0, 10);
  expect(await redis.hget(`analytics:pending:${site!._id.toHexString()}:${day}`, 'bot|confirmed')).toBe('1');
  redis.disconnect();

  // "Read the full answer" opens the article in the widget.
  await visitor.getByRole('button', { name: 'Read the full answer' }).click();
  await visitor.getByRole('heading', { name: 'How long does shipping take and what does it cost?' }).waitFor();
  await shop.close();
});

it('puts a person first for a buyer with a cart at checkout: routed to the agent at once, the answer shown while they wait', async () => {
  const shop = await browser.newContext();
  const visitor = await shop.newPage();
  await visitor.goto(`${server.url}/demo/product/trail-runner-shoes`);
  await visitor.getByRole('button', { name: 'Add to cart' }).click();
  await visitor.goto(`${server.url}/demo/checkout`);
  const offered = new Promise<{ conversation: { id: string } }>((resolve) => agent.once('escalation:offer', resolve));
  await visitor.getByRole('button', { name: /chat/i }).click();
  const message = visitor.getByRole('textbox', { name: 'Message' });
  await message.fill('How long does shipping take?');
  await message.press('Enter');
  await visitor.getByText('While you wait:').waitFor({ timeout: 5000 });
  await visitor.getByText('Express — 1–2 working days — $12.90').waitFor();
  // The person comes first: nothing asks the buyer to settle for the article.
  expect(await visitor.getByRole('button', { name: 'That helped' }).count()).toBe(0);
  const offer = await offered;
  const stored = await mongoose.connection
    .collection('messages')
    .findOne({ text: 'How long does shipping take?', author: 'visitor' }, { sort: { _id: -1 } });
  expect(offer.conversation.id).toBe(String(stored!.conversationId));
  await visitor.screenshot({ path: 'test-results/e2e-answer-bot-person-first.png' });
  await shop.close();
});
