import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../shared/contract';
import { conversations } from '../../server/data';
import { openDb } from '../helpers/kb';
import {
  ADMIN,
  connectAgent,
  connected,
  request,
  signIn,
  startTestServer,
  type AgentSocket,
  type TestServer,
} from '../helpers/test-server';

// A database written before conversations carried `closedDay` and `openAssigneeId` is brought to the
// current shape once, at start-up, and reads the same as one written today.
const DAY_MS = 86_400_000;
const dbName = `test_${randomBytes(6).toString('hex')}`;
let db: mongoose.Connection;
let server: TestServer | null = null;
let agent: AgentSocket | null = null;

const start = () => startTestServer({}, undefined, dbName);

beforeAll(async () => {
  db = await openDb(dbName);
});
afterAll(async () => {
  agent?.close();
  await server?.close();
  await db?.close();
});

/** A conversation document as the previous version stored it: no `closedDay`, no `openAssigneeId`. */
function oldShape(siteId: mongoose.Types.ObjectId, fields: Record<string, unknown>) {
  const at = (fields.closedAt as Date | undefined) ?? new Date();
  return {
    _id: new mongoose.Types.ObjectId(),
    siteId,
    visitorId: new mongoose.Types.ObjectId(),
    visitorName: 'Visitor OLD1',
    status: 'open',
    assigneeId: null,
    lastMessage: null,
    closedAt: null,
    escalation: null,
    priority: 0,
    routedAt: null,
    offeredTo: [],
    offline: false,
    unread: 0,
    agentReadSeq: -1,
    visitorReadSeq: -1,
    closeReason: null,
    closeComment: null,
    closedBy: null,
    csat: null,
    createdAt: new Date(at.getTime() - 3_600_000),
    updatedAt: at,
    __v: 0,
    ...fields,
  };
}

describe('start-up migration', () => {
  it('gives old conversations their day and assignee keys once, and the inbox and loads read them', async () => {
    server = await start();
    await server.close();
    server = null;
    const site = await db.collection('sites').findOne({});
    const admin = await db.collection('users').findOne({ email: ADMIN.email });
    const siteId = site!._id as mongoose.Types.ObjectId;
    const agentId = admin!._id as mongoose.Types.ObjectId;
    const now = Date.now();
    const closedToday = oldShape(siteId, {
      status: 'closed',
      closedAt: new Date(now - 60_000),
      closeReason: 'resolved',
      closedBy: agentId,
    });
    const closedLastWeek = oldShape(siteId, { status: 'closed', closedAt: new Date(now - 8 * DAY_MS), closeReason: 'spam' });
    const closedLongAgo = oldShape(siteId, { status: 'closed', closedAt: new Date(now - 90 * DAY_MS), closeReason: 'resolved' });
    const openAssigned = oldShape(siteId, { assigneeId: agentId });
    await db.collection('conversations').insertMany([closedToday, closedLastWeek, closedLongAgo, openAssigned] as never[]);
    // As if the database came from before the migration existed.
    await db.collection('migrations').deleteMany({});

    server = await start();
    const stored = async (id: mongoose.Types.ObjectId) => db.collection('conversations').findOne({ _id: id });
    expect(await stored(closedToday._id)).toMatchObject({
      closedDay: new Date(now - 60_000).toISOString().slice(0, 10),
      openAssigneeId: null,
    });
    expect(await stored(closedLastWeek._id)).toMatchObject({ closedDay: new Date(now - 8 * DAY_MS).toISOString().slice(0, 10) });
    expect(await stored(openAssigned._id)).toMatchObject({ closedDay: null, openAssigneeId: agentId });
    expect((await stored(closedToday._id))?.updatedAt).toEqual(closedToday.updatedAt);
    expect(await db.collection('migrations').findOne({ _id: 'conversation-closed-day-and-open-assignee' as never })).not.toBeNull();

    agent = connectAgent(server, await signIn(server));
    await connected(agent);
    const list = async (status: 'open' | 'closed') => {
      const ack = await request<{ conversations: ConversationSummary[] }>(agent!, 'conversations:list', { status });
      if (!ack.ok) throw new Error(ack.error.code);
      return ack.data.conversations.map((c) => c.id);
    };
    // The closed view reads whole days backwards, newest first, and stops at its bound (60 days).
    expect(await list('closed')).toEqual([closedToday._id.toHexString(), closedLastWeek._id.toHexString()]);
    expect(await list('open')).toContain(openAssigned._id.toHexString());
    expect(await conversations.openLoadOf(agentId)).toBe(1);
  });

  it('is not run again once finished', async () => {
    const late = oldShape(new mongoose.Types.ObjectId(), { status: 'closed', closedAt: new Date() });
    await db.collection('conversations').insertOne(late as never);
    agent?.close();
    agent = null;
    await server?.close();
    server = await start();
    expect(await db.collection('conversations').findOne({ _id: late._id })).not.toHaveProperty('closedDay');
  });
});
