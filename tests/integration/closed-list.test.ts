import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { conversations } from '../../server/data';
import { openDb } from '../helpers/kb';
import { startTestServer, type TestServer } from '../helpers/test-server';

// The closed inbox reads its page from a sorted set in Redis and the documents by `_id`; the set is
// an index over the database, rebuilt from the day buckets when it is missing.
const dbName = `test_${randomBytes(6).toString('hex')}`;
let db: mongoose.Connection;
let redis: Redis;
let server: TestServer;
let siteId: mongoose.Types.ObjectId;

beforeAll(async () => {
  db = await openDb(dbName);
  redis = new Redis(inject('redisUrl'), { keyPrefix: `${dbName}:` });
  server = await startTestServer({}, undefined, dbName);
  siteId = (await db.collection('sites').findOne({}))!._id as mongoose.Types.ObjectId;
});
afterAll(async () => {
  await server?.close();
  redis?.disconnect();
  await db?.close();
});

async function closedAt(minutesAgo: number): Promise<string> {
  const _id = new mongoose.Types.ObjectId();
  await conversations.create({ _id, siteId, visitorId: new mongoose.Types.ObjectId(), visitorName: `closed ${minutesAgo} min ago` });
  const at = new Date(Date.now() - minutesAgo * 60_000);
  await conversations.update(_id, (c) => ({ ...c, status: 'closed', closedAt: at, closeReason: 'resolved' }));
  return _id.toHexString();
}

const page = async (limit: number) =>
  (await conversations.closedOfSite(siteId, limit, new Date(), conversations.byId)).map((c) => c._id.toHexString());

describe('the closed inbox', () => {
  it('lists the latest closings first, rebuilds the list when Redis lost it, and drops deleted conversations', async () => {
    const [older, newest, middle] = [await closedAt(30), await closedAt(1), await closedAt(10)];
    expect(await page(50)).toEqual([newest, middle, older]);
    expect(await page(2)).toEqual([newest, middle]);
    const justNow = await closedAt(0); // closing adds to the list that exists now
    expect(await page(2)).toEqual([justNow, newest]);
    await db.collection('conversations').deleteOne({ _id: new mongoose.Types.ObjectId(justNow) });

    await redis.del(`closed:${siteId.toHexString()}`);
    expect(await page(50)).toEqual([newest, middle, older]);

    await db.collection('conversations').deleteOne({ _id: new mongoose.Types.ObjectId(middle) });
    expect(await page(50)).toEqual([newest, older]);
    expect(await redis.zscore(`closed:${siteId.toHexString()}`, middle)).toBeNull();
  });
});
