import Bull from 'bull';
import { Types } from 'mongoose';
import { inject } from 'vitest';
import type { DeflectionJob } from '../../server/kb/signals/deflection-queue';

/**
 * A failed job of `siteId` in a server's `kb-deflection` queue: its visitor id is no id, so the
 * server's worker fails it on its one attempt. `repair` gives it data that goes through (a retry then
 * completes it). The handle is the test's own, on the server's Redis prefix; close it after.
 */
export async function failedJobOf(dbName: string, siteId: string) {
  const queue = new Bull<DeflectionJob>('kb-deflection', inject('redisUrl'), { prefix: `${dbName}:bull` });
  const data = { siteId, visitorId: 'no-such-visitor', articleId: new Types.ObjectId().toHexString(), viewedAt: Date.now() - 3_600_000 };
  const job = await queue.add(data, { attempts: 1, removeOnComplete: false, jobId: `test-failure:${new Types.ObjectId().toHexString()}` });
  const deadline = Date.now() + 10_000;
  while ((await job.getState()) !== 'failed') {
    if (Date.now() > deadline) throw new Error(`the job did not fail: ${await job.getState()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    queue,
    id: String(job.id),
    repair: () => job.update({ ...data, visitorId: new Types.ObjectId().toHexString() }),
    /** The job's state now (it is kept once completed, unlike the server's own deflection jobs). */
    state: async () => (await queue.getJob(job.id))?.getState() ?? null,
  };
}
