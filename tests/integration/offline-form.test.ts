import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConversationSummary, ProactivePrompt } from '../../shared/contract';
import { track } from '../helpers/shop';
import {
  connectAgent,
  connected,
  joinAsVisitor,
  nextEvent,
  request,
  signIn,
  startTestServer,
  type TestServer,
} from '../helpers/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

it('gives the visitor the offline form instead of a promise, and agents find the conversation later', async () => {
  const { socket, session } = await joinAsVisitor(server);
  expect(session.agentsOnline).toBe(false);
  const prompt = nextEvent<ProactivePrompt>(socket, 'proactive:prompt');
  await track(socket, { type: 'page_view', url: 'https://shop.example/product/e', title: 'E', pageType: 'product' });
  await track(socket, { type: 'cart', items: 3, value: 240, currency: 'USD' });
  await track(socket, { type: 'exit_intent' });
  expect(await prompt).toMatchObject({ kind: 'exit_intent', agentsOnline: false });

  const sent = await request<{ conversationId: string }>(socket, 'offline:submit', {
    name: 'Dana',
    email: 'dana@example.com',
    question: 'Can I pay on delivery?',
  });
  expect(sent.ok).toBe(true);
  socket.close();

  const agent = connectAgent(server, await signIn(server));
  await connected(agent);
  const list = await request<{ conversations: ConversationSummary[] }>(agent, 'conversations:list', {});
  const conversation = list.ok ? list.data.conversations.find((c) => sent.ok && c.id === sent.data.conversationId) : undefined;
  expect(conversation).toMatchObject({ offline: true, visitorName: 'Dana', lastMessage: { text: 'Can I pay on delivery?' } });
  agent.close();
});
