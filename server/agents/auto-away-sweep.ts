import type Bull from 'bull';
import type { Logger } from '../infra/logger';
import type { Presence } from './presence';
import { closeQueue, openQueue, startProcessing } from '../infra/queue-processing';
import type { QueueRegistry } from '../infra/queue-registry';

/**
 * Automatic away as a repeatable bull job: one schedule in Redis, each run taken by one process,
 * so it works the same with one server process or many. Idle time is measured from the activity
 * the consoles report (presence.ts), not from socket traffic.
 */
export class AutoAwaySweep {
  private readonly queue: Bull.Queue<Record<string, never>>;

  constructor(
    redisUrl: string,
    prefix: string,
    registry: QueueRegistry,
    /** How often the sweep runs (`AUTO_AWAY_SWEEP_SECONDS`). */
    private readonly everySeconds: number,
    private readonly presence: Presence,
    private readonly log: Logger,
  ) {
    this.queue = openQueue('auto-away-sweep', {
      redisUrl,
      prefix,
      registry,
      log: this.log,
      defaultJobOptions: { removeOnComplete: 10, removeOnFail: 10 },
    });
  }

  async start(): Promise<void> {
    startProcessing(this.queue.process(() => this.presence.sweep()));
    await this.queue.add({}, { repeat: { every: this.everySeconds * 1000 }, jobId: 'auto-away-sweep' });
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }
}
