import type Bull from 'bull';
import type { Redis } from 'ioredis';
import type { Logger } from '../infra/logger';
import type { Clock } from '../infra/clock';
import type { TimerKind } from '../../shared/lifecycle';
import { closeQueue, openQueue, startProcessing } from '../infra/queue-processing';
import type { QueueRegistry } from '../infra/queue-registry';

export interface HesitationTimer {
  siteId: string;
  visitorId: string;
  kind: TimerKind;
  /** Epoch ms the condition becomes true if nothing changes. */
  at: number;
}

/**
 * The business timers of the hesitation rules, as delayed bull jobs. The job id is derived from
 * (visitor, kind, due time): every process computing the same timer adds the same job, so it fires
 * once; it survives restarts in Redis; and a visitor's pending ids are kept in a Redis set so that
 * progress (an order, an emptied cart) removes them.
 */
export class HesitationTimers {
  private readonly queue: Bull.Queue<HesitationTimer>;

  constructor(
    redisUrl: string,
    prefix: string,
    registry: QueueRegistry,
    private readonly redis: Redis,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.queue = openQueue<HesitationTimer>('hesitation-timers', {
      redisUrl,
      prefix,
      registry,
      log: this.log,
      defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 1000, attempts: 3, backoff: 1000 },
    });
  }

  start(onDue: (timer: HesitationTimer) => Promise<void>): void {
    startProcessing(
      this.queue.process(8, async (job) => {
        await this.redis.srem(pendingKey(job.data.visitorId), job.id);
        await onDue(job.data);
      }),
    );
  }

  /** Makes the visitor's pending timers exactly `timers`: adds the new ones, removes the rest. */
  async replace(siteId: string, visitorId: string, timers: { kind: TimerKind; at: number }[]): Promise<void> {
    const wanted = new Map(timers.map((t) => [jobId(visitorId, t.kind, t.at), t]));
    const pending = await this.redis.smembers(pendingKey(visitorId));
    await Promise.all(pending.filter((id) => !wanted.has(id)).map((id) => this.remove(visitorId, id)));
    for (const [id, timer] of wanted) {
      if (pending.includes(id)) continue;
      await this.redis.sadd(pendingKey(visitorId), id);
      await this.queue.add({ siteId, visitorId, ...timer }, { jobId: id, delay: Math.max(0, timer.at - this.clock.now()) });
    }
  }

  async pendingCount(): Promise<number> {
    return this.queue.getDelayedCount();
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }

  private async remove(visitorId: string, id: string): Promise<void> {
    await this.redis.srem(pendingKey(visitorId), id);
    const job = await this.queue.getJob(id);
    await job?.remove().catch(() => undefined); // already running: the handler re-checks the condition
  }
}

function jobId(visitorId: string, kind: TimerKind, at: number): string {
  return `hesitation:${visitorId}:${kind}:${at}`;
}

function pendingKey(visitorId: string): string {
  return `hesitation-pending:${visitorId}`;
}
