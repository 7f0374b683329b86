import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../helpers/kb';
import { startTestServer, type TestServer } from '../helpers/test-server';

// Visitors stored before retention walked them by day get their `lastSeenDay` once, at start-up.
const DAY_MS = 86_400_000;
const dbName = `test_${randomBytes(6).toString('hex')}`;
let db: mongoose.Connection;
let server: TestServer | null = null;

const start = () => startTestServer({}, undefined, dbName);

beforeAll(async () => {
  db = await openDb(dbName);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('visitor last-seen day migration', () => {
  it('gives visitors stored without it the day they were last seen, and leaves the rest of them alone', async () => {
    server = await start();
    await server.close();
    server = null;
    const site = await db.collection('sites').findOne({});
    const lastSeenAt = new Date(Date.now() - 40 * DAY_MS);
    const old = {
      _id: new mongoose.Types.ObjectId(),
      siteId: site!._id,
      name: 'Old Shape',
      email: 'old@example.com',
      lastSeenAt,
      stage: 'loyalty',
      createdAt: lastSeenAt,
      updatedAt: lastSeenAt,
    };
    await db.collection('visitors').insertOne(old);
    await db.collection('migrations').deleteOne({ _id: 'visitor-last-seen-day' as never });

    server = await start();
    expect(await db.collection('visitors').findOne({ _id: old._id })).toMatchObject({
      lastSeenDay: lastSeenAt.toISOString().slice(0, 10),
      name: 'Old Shape',
      email: 'old@example.com',
      stage: 'loyalty',
      lastSeenAt,
    });
    expect(await db.collection('migrations').findOne({ _id: 'visitor-last-seen-day' as never })).not.toBeNull();
  });
});
