import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/contract';
import { openDb } from '../helpers/kb';
import { agentSocket, signedInUser } from '../helpers/workplace';
import {
  clientId,
  joinAsVisitor,
  request,
  startTestServer,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../helpers/test-server';

// A message's client id is its exactly-once key in the conversation: a re-send by its author is
// acked with the stored message, but the same id from anyone else is refused with a code.
let server: TestServer;
let db: mongoose.Connection;
const sockets: Array<{ close(): unknown }> = [];

beforeAll(async () => {
  server = await startTestServer();
  db = await openDb(server.dbName);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await db?.close();
  await server?.close();
});

async function send(socket: VisitorSocket | AgentSocket, payload: Record<string, unknown>) {
  return request<{ message: Message }>(socket, 'message:send', payload);
}

async function chat() {
  const { socket: visitor } = await joinAsVisitor(server);
  sockets.push(visitor);
  const opened = await send(visitor, { clientId: clientId(), text: 'Hello?' });
  if (!opened.ok) throw new Error(opened.error.code);
  const conversationId = opened.data.message.conversationId;
  const stored = () =>
    db
      .collection('messages')
      .find({ conversationId: new mongoose.Types.ObjectId(conversationId) })
      .sort({ seq: 1 })
      .toArray();
  return { visitor, conversationId, stored };
}

describe('a message id another author used', () => {
  it("refuses an agent's message that reuses the visitor's id, and keeps the visitor's", async () => {
    const { visitor, conversationId, stored } = await chat();
    const agent = await agentSocket(server, (await signedInUser(server, db, 'agent')).cookie, sockets);
    const id = clientId();
    const first = await send(visitor, { clientId: id, text: 'Is this in stock?' });
    expect(first.ok).toBe(true);

    const reused = await send(agent, { conversationId, clientId: id, text: 'Yes, it is.' });
    expect(reused).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const again = await send(visitor, { clientId: id, text: 'Is this in stock?' });
    expect(again).toMatchObject({ ok: true, data: { message: { clientId: id, author: 'visitor', text: 'Is this in stock?' } } });
    expect((await stored()).map((m) => [m.author, m.text])).toEqual([
      ['visitor', 'Hello?'],
      ['visitor', 'Is this in stock?'],
    ]);
  });

  it("refuses the visitor's message that reuses an agent's id, and another agent's too", async () => {
    const { visitor, conversationId, stored } = await chat();
    const [one, two] = await Promise.all([signedInUser(server, db, 'agent'), signedInUser(server, db, 'agent')]);
    const [agent, colleague] = await Promise.all([agentSocket(server, one.cookie, sockets), agentSocket(server, two.cookie, sockets)]);
    const id = clientId();
    expect((await send(agent, { conversationId, clientId: id, text: 'We ship tomorrow.' })).ok).toBe(true);

    expect(await send(visitor, { clientId: id, text: 'Thanks!' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await send(colleague, { conversationId, clientId: id, text: 'Or today.' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const resent = await send(agent, { conversationId, clientId: id, text: 'We ship tomorrow.' });
    expect(resent).toMatchObject({ ok: true, data: { message: { clientId: id, author: 'agent', authorName: one.name } } });
    expect((await stored()).map((m) => m.text)).toEqual(['Hello?', 'We ship tomorrow.']);
  });
});
