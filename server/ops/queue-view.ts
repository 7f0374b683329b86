import type Bull from 'bull';
import { FAILED_JOBS_SHOWN, QUEUE_STATES, type QueueState, type QueueSummary } from '../../shared/contract/ops';
import { conversations } from '../data';
import { AppError } from '../errors/app-error';
import type { QueueRegistry } from '../infra/queue-registry';
import { conversationToLookUp, jobSiteOf } from './job-site';

/** Jobs read per queue and state, newest first: a bound on what one look at the view costs. */
const READ_PER_STATE = 1000;

interface ReadJob {
  state: QueueState;
  job: Bull.Job;
}

/**
 * The admins' view of the bull queues. Queues are shared by every site of the deployment, so a
 * site's admin sees and retries only their site's jobs (by the site or conversation a job names);
 * the deployment's own sweeps belong to no site and show only in `/metrics`.
 */
export class QueueView {
  constructor(private readonly queues: QueueRegistry) {}

  async ofSite(siteId: string): Promise<QueueSummary[]> {
    const read = await Promise.all(this.queues.all().map(async ({ name, queue }) => ({ name, ...(await readQueue(queue)) })));
    const lookUps = read.flatMap(({ jobs }) => jobs.map(({ job }) => conversationToLookUp(job.data)));
    const sites = await conversations.sitesOf([...new Set(lookUps.filter((id) => id !== null))]);
    return read.map(({ name, jobs, truncated }) =>
      summary(
        name,
        jobs.filter(({ job }) => jobSiteOf(job.data, sites) === siteId),
        truncated,
      ),
    );
  }

  /** Runs a failed job of the site again (`not_found` for another site's job, `conflict` unless it failed). */
  async retry(siteId: string, queueName: string, jobId: string): Promise<void> {
    const job = await this.queues.get(queueName)?.getJob(jobId);
    const lookUp = job && conversationToLookUp(job.data);
    const sites = lookUp ? await conversations.sitesOf([lookUp]) : new Map<string, string>();
    if (!job || jobSiteOf(job.data, sites) !== siteId) throw new AppError('not_found', 'Your site has no such job.');
    if (!(await job.isFailed())) throw new AppError('conflict', 'Only a failed job can be retried.');
    await job.retry();
  }
}

async function readQueue(queue: Bull.Queue): Promise<{ jobs: ReadJob[]; truncated: boolean }> {
  const [counts, byState] = await Promise.all([
    queue.getJobCounts(),
    Promise.all(QUEUE_STATES.map(async (state) => (await queue.getJobs([state], 0, READ_PER_STATE - 1)).map((job) => ({ state, job })))),
  ]);
  return {
    // A job may finish between the listing and the read of its data: bull answers null for it.
    jobs: byState.flat().filter(({ job }) => job !== null),
    truncated: QUEUE_STATES.some((state) => counts[state] > READ_PER_STATE),
  };
}

function summary(name: string, jobs: ReadJob[], truncated: boolean): QueueSummary {
  const count = (state: QueueState) => jobs.filter((j) => j.state === state).length;
  const failed = jobs
    .filter((j) => j.state === 'failed')
    .map(({ job }) => job)
    .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))
    .slice(0, FAILED_JOBS_SHOWN)
    .map((job) => ({
      id: String(job.id),
      failedReason: job.failedReason ?? '',
      attemptsMade: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    }));
  return {
    name,
    counts: {
      waiting: count('waiting'),
      active: count('active'),
      delayed: count('delayed'),
      completed: count('completed'),
      failed: count('failed'),
    },
    failed,
    truncated,
  };
}
