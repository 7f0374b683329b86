import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConversationSummary, Message } from '../../shared/contract';
import {
  clientId,
  connectAgent,
  connected,
  joinAsVisitor,
  nextEvent,
  request,
  signIn,
  startTestServer,
  type TestServer,
} from '../helpers/test-server';

// The chat's hot path reads conversations from Redis and writes their live summary (preview,
// unread, waiting) there first; the database gets it once the conversation pauses.
let server: TestServer;
let cookie: string;
let redis: Redis;

beforeAll(async () => {
  server = await startTestServer();
  cookie = await signIn(server);
  redis = new Redis(inject('redisUrl'));
});
afterAll(async () => {
  redis?.disconnect();
  await server?.close();
});

const storedConversation = (id: string) =>
  mongoose.connection.collection('conversations').findOne({ _id: new mongoose.Types.ObjectId(id) });

async function send(socket: Parameters<typeof request>[0], text: string): Promise<Message> {
  const ack = await request<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text });
  if (!ack.ok) throw new Error(`send failed: ${ack.error.code}`);
  return ack.data.message;
}

describe('conversation cache', () => {
  it('writes the live summary to the database once the conversation pauses', async () => {
    const { socket: visitor } = await joinAsVisitor(server);
    const first = await send(visitor, 'Do you have this in blue?');
    await send(visitor, 'Size M please');
    expect((await storedConversation(first.conversationId))?.unread ?? 0).toBe(0);

    // Written once the conversation has been quiet for 5 s.
    await expect.poll(async () => (await storedConversation(first.conversationId))?.unread, { timeout: 10_000, interval: 200 }).toBe(2);
    const stored = await storedConversation(first.conversationId);
    expect(stored).toMatchObject({ unread: 2, lastMessage: { seq: 1, text: 'Size M please', author: 'visitor' } });
    expect(stored?.waitingSince).toBeInstanceOf(Date);
    visitor.disconnect();
  });

  it('continues the conversation at the next position when Redis loses it, and rebuilds the summary', async () => {
    const agent = connectAgent(server, cookie);
    await connected(agent);
    const { socket: visitor } = await joinAsVisitor(server);
    const first = await send(visitor, 'one');
    await send(visitor, 'two');

    const keys = await redis.keys(`${server.dbName}:*conversation*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);

    const upsert = nextEvent<ConversationSummary>(agent, 'conversation:upsert');
    const third = await send(visitor, 'three');
    expect(third).toMatchObject({ conversationId: first.conversationId, seq: 2 });
    expect((await upsert).lastMessage?.text).toBe('three');

    const stored = await mongoose.connection
      .collection('messages')
      .find({ conversationId: new mongoose.Types.ObjectId(first.conversationId) })
      .toArray();
    expect(stored.map((m) => m.seq).sort()).toEqual([0, 1, 2]);
    visitor.disconnect();
    agent.disconnect();
  });
});
