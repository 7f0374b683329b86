import type Bull from 'bull';
import type { QueueRegistry } from '../infra/queue-registry';

const STATES: Bull.JobStatus[] = ['waiting', 'delayed', 'paused', 'completed', 'failed'];

/**
 * Removes every job of the server's queues whose id or data names one of the ids: escalation timers,
 * reply mail and alerts, offline-agent email, deflection, finished jobs that still hold the data.
 * Jobs are looked up by content rather than by id so that a queue added later is covered too.
 * A running job cannot be removed; it finds its subject gone. `keep` is the erasure's own job.
 */
export async function removeJobsNaming(queues: QueueRegistry, ids: readonly string[], keep: string): Promise<void> {
  for (const { queue } of queues.all()) {
    const jobs = await queue.getJobs(STATES);
    for (const job of jobs) {
      if (!job || String(job.id) === keep) continue;
      const text = `${job.id} ${JSON.stringify(job.data)}`;
      if (ids.some((id) => text.includes(id))) await job.remove().catch(() => undefined);
    }
  }
}
