import type Bull from 'bull';
import type { Logger } from '../infra/logger';
import { closeQueue, openQueue, startProcessing } from '../infra/queue-processing';
import type { QueueRegistry } from '../infra/queue-registry';

export interface RoutingJob {
  conversationId: string;
  /** Epoch ms routing started (the conversation's `routedAt`); a later routing of the same conversation starts afresh. */
  routedAt: number;
  /** 0: the least-loaded available agent; 1: re-routed to another one; 2: offered to every online agent. */
  attempt: number;
}

export const OFFER_TO_ALL_ATTEMPT = 2;

/**
 * Routing steps as bull jobs: the first runs at once (purchase-stage conversations first, by job
 * priority), each re-route is delayed by the site's SLA. Deterministic ids make each step run once
 * across processes and restarts; accepting an offer removes the pending step.
 */
export class RoutingQueue {
  private readonly queue: Bull.Queue<RoutingJob>;

  constructor(
    redisUrl: string,
    prefix: string,
    registry: QueueRegistry,
    private readonly log: Logger,
  ) {
    this.queue = openQueue<RoutingJob>('escalation-routing', {
      redisUrl,
      prefix,
      registry,
      log: this.log,
      defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 1000, attempts: 3, backoff: 500 },
    });
  }

  start(step: (job: RoutingJob) => Promise<void>): void {
    startProcessing(this.queue.process(4, (job) => step(job.data)));
  }

  /** `urgent` jobs (purchase stage) are taken before every other waiting job. */
  async schedule(job: RoutingJob, options: { delayMs?: number; urgent: boolean }): Promise<void> {
    await this.queue.add(job, {
      jobId: jobId(job),
      delay: options.delayMs ?? 0,
      priority: options.urgent ? 1 : 2,
    });
  }

  async cancelFrom(job: Omit<RoutingJob, 'attempt'>, fromAttempt: number): Promise<void> {
    for (let attempt = fromAttempt; attempt <= OFFER_TO_ALL_ATTEMPT; attempt++) {
      const pending = await this.queue.getJob(jobId({ ...job, attempt }));
      await pending?.remove().catch(() => undefined); // running now: the step re-checks the assignee
    }
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }
}

function jobId({ conversationId, routedAt, attempt }: RoutingJob): string {
  return `route:${conversationId}:${routedAt}:${attempt}`;
}
