import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Ack, Message, VisitorContextAnswer } from '../../shared/contract';
import { openDb } from '../helpers/kb';
import { secondTenant } from '../helpers/security';
import {
  ADMIN,
  clientId,
  connectAgent,
  connected,
  joinAsVisitor,
  request,
  signIn,
  startTestServer,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../helpers/test-server';

/** The visitor panel's earlier conversations: the visitor's own, on the agent's site only. */

type Tenant = Awaited<ReturnType<typeof secondTenant>>;
let server: TestServer;
let db: mongoose.Connection;
let siteB: Tenant;
let agentA: AgentSocket;
let agentB: AgentSocket;
const sockets: Array<{ close(): unknown }> = [];

async function ok<T>(ack: Promise<Ack<T>>): Promise<T> {
  const result = await ack;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

async function say(socket: VisitorSocket, text: string): Promise<string> {
  const { message } = await ok(request<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text }));
  return message.conversationId;
}

const contextOf = (agent: AgentSocket, visitorId: string) => request<VisitorContextAnswer>(agent, 'visitor:context', { visitorId });

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_PER_SENDER: '0', RATE_LIMIT_PER_IP: '0' });
  db = await openDb(server.dbName);
  siteB = await secondTenant(server);
  agentA = connectAgent(server, await signIn(server));
  agentB = connectAgent(server, siteB.adminCookie);
  sockets.push(agentA, agentB);
  await Promise.all([connected(agentA), connected(agentB)]);
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await siteB?.db.close();
  await db?.close();
  await server?.close();
});

it("lists a visitor's closed and open conversations, newest first, and nothing of another site", async () => {
  const { socket: alice, session } = await joinAsVisitor(server);
  sockets.push(alice);
  const first = await say(alice, 'Do you ship to Norway?');
  await ok(request(agentA, 'conversation:close', { conversationId: first, reason: 'resolved' }));
  await ok(request(alice, 'csat:submit', { conversationId: first, rating: 4 }));
  const second = await say(alice, 'Where is my parcel?');
  expect(second).not.toBe(first);

  // Site B's visitor chats too, and a forged row claims alice's visitor id on site B: neither may show.
  const { socket: carol, session: carolSession } = await joinAsVisitor(siteB.reach);
  sockets.push(carol);
  const carols = await say(carol, 'carol-private question');
  const planted = new mongoose.Types.ObjectId();
  await db.collection('conversations').insertOne({
    _id: planted,
    siteId: siteB.siteId,
    visitorId: new mongoose.Types.ObjectId(session.visitorId),
    visitorName: 'Planted',
    status: 'closed',
    createdAt: new Date(),
    updatedAt: new Date(),
  });

  const admin = await db.collection('users').findOne({ email: ADMIN.email });
  const { conversations } = await ok(contextOf(agentA, session.visitorId));
  expect(conversations.map((c) => c.id)).toEqual([second, first]);
  expect(conversations[0]).toMatchObject({
    status: 'open',
    closeReason: null,
    csatRating: null,
    lastMessage: { text: 'Where is my parcel?', author: 'visitor' },
  });
  // Closed by the admin, who then counts as its agent; the last message is the "closed" notice.
  expect(conversations[1]).toMatchObject({ status: 'closed', closeReason: 'resolved', csatRating: 4, agentName: admin!.name });
  expect(conversations[1]!.lastMessage?.author).toBe('system');
  expect(Date.parse(conversations[1]!.startedAt)).toBeLessThanOrEqual(Date.parse(conversations[0]!.startedAt));

  const listedB = await ok(contextOf(agentB, carolSession.visitorId));
  expect(listedB.conversations.map((c) => c.id)).toEqual([carols]);
  // Each site's agent is refused the other site's visitor outright.
  for (const [agent, visitorId] of [
    [agentB, session.visitorId],
    [agentA, carolSession.visitorId],
  ] as const) {
    expect(await contextOf(agent, visitorId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  }
  expect(JSON.stringify(conversations)).not.toContain(planted.toHexString());
});

it('answers an empty list for a visitor who never chatted, and cuts a long last message to a preview', async () => {
  const { socket: quiet, session: quietSession } = await joinAsVisitor(server);
  const { socket: talker, session: talkerSession } = await joinAsVisitor(server);
  sockets.push(quiet, talker);
  expect((await ok(contextOf(agentA, quietSession.visitorId))).conversations).toEqual([]);

  await say(talker, `${'word '.repeat(200)}end`);
  const [listed] = (await ok(contextOf(agentA, talkerSession.visitorId))).conversations;
  expect(listed!.lastMessage!.text.length).toBeLessThanOrEqual(140);
  expect(listed!.lastMessage!.text.endsWith('…')).toBe(true);
});
