import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visitors } from '../../server/data';
import { openDb } from '../helpers/kb';
import { startTestServer, type TestServer } from '../helpers/test-server';

// `visitors.update` is every visitor write: a lock across processes, a fresh read inside it, and
// only the changed fields written. The server started here connects the data layer in this process.
let server: TestServer;
let db: mongoose.Connection;

beforeAll(async () => {
  server = await startTestServer();
  db = await openDb(server.dbName);
});
afterAll(async () => {
  await db?.close();
  await server?.close();
});

async function newVisitor() {
  const site = await db.collection('sites').findOne({});
  return visitors.create({ siteId: site!._id });
}

describe('visitor write path', () => {
  it('applies concurrent changes one after another, each to the fresh record', async () => {
    const visitor = await newVisitor();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        visitors.update(visitor._id, (current) =>
          i % 2
            ? { ...current, kbSearches: current.kbSearches + 1 }
            : { ...current, pageCounts: { ...current.pageCounts, product: (current.pageCounts.product ?? 0) + 1 } },
        ),
      ),
    );
    const stored = await visitors.byId(visitor._id);
    expect({ kbSearches: stored?.kbSearches, product: stored?.pageCounts.product }).toEqual({ kbSearches: 15, product: 15 });
  });

  it('fails only the change that throws when changes of one visitor share a write', async () => {
    const visitor = await newVisitor();
    const results = await Promise.allSettled([
      visitors.update(visitor._id, (current) => ({ ...current, kbSearches: current.kbSearches + 1 })),
      visitors.update(visitor._id, () => {
        throw new Error('refused');
      }),
      visitors.update(visitor._id, (current) => ({ ...current, productQuestions: current.productQuestions + 1 })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const last = results[2] as PromiseFulfilledResult<Awaited<ReturnType<typeof visitors.update>>>;
    expect(last.value?.before.kbSearches).toBe(1); // applied after the first change, in arrival order
    expect(await visitors.byId(visitor._id)).toMatchObject({ kbSearches: 1, productQuestions: 1 });
  });

  it('writes only the fields it changed, so a writer that lost its lock cannot undo another', async () => {
    const visitor = await newVisitor();
    const result = await visitors.update(visitor._id, async (current) => {
      // Another writer changes other fields meanwhile (as one would after this lock's lease ran out).
      await db
        .collection('visitors')
        .updateOne({ _id: visitor._id }, { $set: { email: 'jan@example.com', 'session.currentPageType': 'cart' } });
      return {
        ...current,
        name: 'Jan',
        session: {
          ...current.session,
          pages: [{ url: 'https://shop.example/a', path: '/a', title: 'A', pageType: 'product', at: new Date() }],
        },
      };
    });
    expect(result?.after.name).toBe('Jan');
    const stored = await visitors.byId(visitor._id);
    expect(stored).toMatchObject({ name: 'Jan', email: 'jan@example.com', session: { currentPageType: 'cart', pages: [{ path: '/a' }] } });
  });

  it('writes nothing when nothing changed, and answers null for no such visitor', async () => {
    const visitor = await newVisitor();
    const unchanged = await visitors.update(visitor._id, (current) => ({ ...current }));
    expect(unchanged?.after.updatedAt.getTime()).toBe(visitor.updatedAt.getTime());
    expect(await visitors.update(new mongoose.Types.ObjectId(), (current) => current)).toBeNull();
    expect(await visitors.update('not-an-id', (current) => current)).toBeNull();
  });

  it('costs little more than the read and write it wraps (figure printed)', async () => {
    const visitor = await newVisitor();
    const runs = 200;
    const collection = db.collection('visitors');
    let started = performance.now();
    for (let i = 0; i < runs; i++) {
      const current = await collection.findOne({ _id: visitor._id });
      await collection.updateOne({ _id: visitor._id }, { $set: { kbSearches: (current?.kbSearches as number) + 1 } });
    }
    const bareMs = (performance.now() - started) / runs;
    started = performance.now();
    for (let i = 0; i < runs; i++) await visitors.update(visitor._id, (current) => ({ ...current, kbSearches: current.kbSearches + 1 }));
    const lockedMs = (performance.now() - started) / runs;
    console.log(
      `[lock] visitors.update: ${lockedMs.toFixed(2)} ms per write; the same read and write without the lock: ${bareMs.toFixed(2)} ms`,
    );
    expect((await visitors.byId(visitor._id))?.kbSearches).toBe(2 * runs);
  });
});
