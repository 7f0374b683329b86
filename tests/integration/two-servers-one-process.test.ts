import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message } from '../../shared/contract';
import {
  clientId,
  connectAgent,
  connectVisitor,
  connected,
  nextEvent,
  request,
  signIn,
  startTestServer,
  type TestServer,
} from '../helpers/test-server';

// Two servers of one deployment (same database and Redis prefix) in this one process: each owns its
// connections, so a message stored by one reaches an agent on the other, and stopping one leaves the other serving.
let first: TestServer;
let second: TestServer;
let firstRunning = false;

beforeAll(async () => {
  first = await startTestServer();
  firstRunning = true;
  second = await startTestServer({}, undefined, first.dbName);
});
afterAll(async () => {
  if (firstRunning) await first.close();
  await second?.close();
});

describe('two servers in one process', () => {
  it('delivers a visitor message sent through one server to an agent on the other, and outlives the first stopping', async () => {
    const agent = connectAgent(second, await signIn(second));
    await connected(agent);
    const visitor = connectVisitor(first);
    await connected(visitor);

    const upsert = nextEvent<ConversationSummary>(agent, 'conversation:upsert');
    const sent = await request<{ message: Message }>(visitor, 'message:send', {
      clientId: clientId(),
      text: 'Hello from the first server',
    });
    expect(sent.ok).toBe(true);
    const summary = await upsert;
    expect(summary.lastMessage?.text).toBe('Hello from the first server');

    const opened = await request<{ messages: Message[] }>(agent, 'conversation:open', { conversationId: summary.id });
    expect(opened.ok && opened.data.messages.map((m) => m.text)).toEqual(['Hello from the first server']);
    const delivered = nextEvent<Message>(agent, 'message:new');
    await request(visitor, 'message:send', { clientId: clientId(), text: 'Still there?' });
    expect((await delivered).text).toBe('Still there?');

    visitor.close();
    firstRunning = false;
    await first.close();
    const list = await request<{ conversations: ConversationSummary[] }>(agent, 'conversations:list', { status: 'open' });
    expect(list.ok && list.data.conversations.map((c) => c.id)).toContain(summary.id);
    agent.close();
  });
});
