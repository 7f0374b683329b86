import { type Connection, Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/contract/routes';
import { openDb } from '../helpers/kb';
import { failedJobOf } from '../helpers/queues';
import { call } from '../helpers/rest';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { signedInUser } from '../helpers/workplace';

let server: TestServer;
let db: Connection;
let adminCookie: string;
let siteId: string;
beforeAll(async () => {
  server = await startTestServer();
  db = await openDb(server.dbName);
  adminCookie = await signIn(server);
  siteId = String((await db.collection('sites').findOne({}, { sort: { createdAt: 1 } }))!._id);
});
afterAll(async () => {
  await db?.close();
  await server?.close();
});

const queuesOf = async (cookie: string) => call(server, routes.ops.queues, { cookie });
const deflections = async () => (await queuesOf(adminCookie)).body.queues.find((q) => q.name === 'kb-deflection')!;

describe('the queue view', () => {
  it('lists every queue of the server with its counts, for admins only', async () => {
    const res = await queuesOf(adminCookie);
    expect(res.status).toBe(200);
    expect(res.body.queues.map((q) => q.name)).toEqual(
      expect.arrayContaining(['kb-deflection', 'reply-alert', 'escalation-routing', 'mail', 'unanswered-email', 'retention']),
    );
    expect(res.body.queues.every((q) => q.counts.failed === 0 && q.failed.length === 0)).toBe(true);

    const agent = await signedInUser(server, db, 'agent');
    expect((await queuesOf(agent.cookie)).status).toBe(403);
    expect((await call(server, routes.ops.queues, {})).status).toBe(401);
  });

  it('shows a failed job with its error and attempts, and a retry runs it again', async () => {
    const failure = await failedJobOf(server.dbName, siteId);
    try {
      const queue = await deflections();
      expect(queue.counts.failed).toBe(1);
      expect(queue.failed).toEqual([
        { id: failure.id, failedReason: expect.stringMatching(/24 character hex string/), attemptsMade: 1, failedAt: expect.any(String) },
      ]);
      expect(Date.now() - Date.parse(queue.failed[0]!.failedAt!)).toBeLessThan(60_000);

      const agent = await signedInUser(server, db, 'agent');
      const retryAs = (cookie: string, jobId = failure.id) =>
        call(server, routes.ops.retryJob, { cookie, params: { queue: 'kb-deflection', jobId } });
      expect((await retryAs(agent.cookie)).status).toBe(403);
      expect((await retryAs(adminCookie, 'no-such-job')).status).toBe(404);

      await failure.repair();
      expect((await retryAs(adminCookie)).status).toBe(204);
      await expect.poll(failure.state, { timeout: 10_000 }).toBe('completed');
      expect((await deflections()).counts).toMatchObject({ failed: 0, completed: 1 });
      // Only a failed job can be retried.
      expect((await retryAs(adminCookie)).status).toBe(409);
    } finally {
      await failure.queue.close();
    }
  });

  it("counts only the admin's own site's jobs", async () => {
    const failure = await failedJobOf(server.dbName, new Types.ObjectId().toHexString());
    try {
      expect((await deflections()).counts.failed).toBe(0);
      const res = await call(server, routes.ops.retryJob, { cookie: adminCookie, params: { queue: 'kb-deflection', jobId: failure.id } });
      expect(res.status).toBe(404);
      expect(await failure.state()).toBe('failed');
    } finally {
      await failure.queue.close();
    }
  });
});
