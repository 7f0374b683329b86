import { Counter, Gauge, type Registry } from 'prom-client';
import type { QueueRegistry } from '../infra/queue-registry';
import { bounded } from './bounded';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * The server's bull queues: jobs per state, read from Redis at each scrape (every process of a
 * deployment reports the same shared queues), and the job attempts that failed in this process.
 * Returns what starts counting failures, once every queue is open.
 */
export function observeQueues(registry: Registry, prefix: string, queues: QueueRegistry): () => void {
  new Gauge({
    name: `${prefix}queue_jobs`,
    help: 'Jobs of each bull queue by state (waiting, active, delayed, failed), as Redis holds them at the scrape: the whole deployment, every site (the last values while Redis does not answer).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      await Promise.all(
        queues.all().map(async ({ name, queue }) => {
          const counts = await bounded(() => queue.getJobCounts());
          if (counts) for (const state of STATES) this.set({ queue: name, state }, counts[state]);
        }),
      );
    },
  });
  const failures = new Counter({
    name: `${prefix}queue_job_failures_total`,
    help: 'Job attempts of each bull queue that failed in this process (a job retried three times and failing each time counts three).',
    labelNames: ['queue'],
    registers: [registry],
  });
  return () => {
    for (const { name, queue } of queues.all()) {
      failures.inc({ queue: name }, 0);
      queue.on('failed', () => failures.inc({ queue: name }));
    }
  };
}
