import type Bull from 'bull';
import type { Logger } from '../infra/logger';
import type { RetentionCounts, RetentionPass } from './retention-pass';
import { dateOf, type Clock } from '../infra/clock';
import { closeQueue, openQueue, startProcessing } from '../infra/queue-processing';
import type { QueueRegistry } from '../infra/queue-registry';

/**
 * Retention as a repeatable bull job: one schedule in Redis, each run taken by one process. A run
 * works in small steps with pauses (see RetentionPass), so the chat is never kept waiting.
 */
export class RetentionJob {
  private readonly queue: Bull.Queue<Record<string, never>>;

  constructor(
    redisUrl: string,
    prefix: string,
    registry: QueueRegistry,
    private readonly everyMinutes: number,
    private readonly pass: RetentionPass,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.queue = openQueue('retention', {
      redisUrl,
      prefix,
      registry,
      log: this.log,
      defaultJobOptions: { removeOnComplete: 10, removeOnFail: 10 },
    });
  }

  async start(): Promise<void> {
    startProcessing(this.queue.process(() => this.runOnce()));
    await this.queue.add({}, { repeat: { every: this.everyMinutes * 60_000 }, jobId: 'retention' });
  }

  /** One pass now, in this process (what each run of the job does). */
  runOnce(now = dateOf(this.clock)): Promise<RetentionCounts> {
    return this.pass.runOnce(now);
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }
}
