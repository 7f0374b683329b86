import type Bull from 'bull';
import type { Types } from 'mongoose';
import { DEFAULT_CONTINUITY } from '../../shared/contract';
import { conversations, sites } from '../data';
import { dateOf, type Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import { closeQueue, openQueue, startProcessing } from '../infra/queue-processing';
import type { QueueRegistry } from '../infra/queue-registry';

const EVERY_MINUTES = 10;
const BATCH = 200;
const HOUR_MS = 3_600_000;

/** Closes one quiet conversation if it still qualifies (Workplace.closeIdle). */
export type CloseIdle = (conversationId: Types.ObjectId, hours: number, now: Date) => Promise<boolean>;

/**
 * Auto-close after inactivity as a repeatable bull job (one schedule in Redis, each run taken by one
 * process): per site, the open conversations untouched for the site's `autoCloseHours`, read in
 * batches, each closed if an agent's reply has gone unanswered that long.
 */
export class AutoCloseJob {
  private readonly queue: Bull.Queue<Record<string, never>>;

  constructor(
    redisUrl: string,
    prefix: string,
    registry: QueueRegistry,
    private readonly closeIdle: CloseIdle,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.queue = openQueue('auto-close', {
      redisUrl,
      prefix,
      registry,
      log: this.log,
      defaultJobOptions: { removeOnComplete: 10, removeOnFail: 10 },
    });
  }

  async start(): Promise<void> {
    startProcessing(this.queue.process(() => this.runOnce()));
    await this.queue.add({}, { repeat: { every: EVERY_MINUTES * 60_000 }, jobId: 'auto-close' });
  }

  /** One pass now, in this process (what each run of the job does); answers how many it closed. */
  async runOnce(now = dateOf(this.clock)): Promise<{ closed: number }> {
    let closed = 0;
    for (const site of await sites.continuitySettings()) {
      const hours = (site.continuity ?? DEFAULT_CONTINUITY).autoCloseHours;
      if (hours <= 0) continue;
      const before = new Date(now.getTime() - hours * HOUR_MS);
      let after: Types.ObjectId | null = null;
      for (;;) {
        const batch = await conversations.openUntouchedOfSite(site._id, before, after, BATCH);
        for (const conversation of batch) if (await this.closeIdle(conversation._id, hours, now)) closed += 1;
        if (batch.length < BATCH) break;
        after = batch.at(-1)!._id;
      }
    }
    if (closed > 0) this.log.info({ closed }, 'auto-close closed quiet conversations');
    return { closed };
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }
}
