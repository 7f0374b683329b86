import type Bull from 'bull';
import { isRepurchaseOverdue } from '../../shared/lifecycle';
import { visitors, type Visitor } from '../data';
import type { Logger } from '../infra/logger';
import type { SiteDirectory } from '../sites/site-directory';
import type { LifecycleService } from './lifecycle-service';
import type { Clock } from '../infra/clock';
import { closeQueue, openQueue, startProcessing } from '../infra/queue-processing';
import type { QueueRegistry } from '../infra/queue-registry';

const BATCH = 500;

/**
 * A repeatable bull job (one schedule in Redis, run by one process each time) that marks customers
 * whose expected re-purchase is overdue as at risk. A new order clears the mark (shop-events.ts).
 */
export class AtRiskSweep {
  private readonly queue: Bull.Queue<Record<string, never>>;

  constructor(
    redisUrl: string,
    prefix: string,
    registry: QueueRegistry,
    private readonly everyMinutes: number,
    private readonly lifecycle: LifecycleService,
    private readonly sites: SiteDirectory,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.queue = openQueue('at-risk-sweep', {
      redisUrl,
      prefix,
      registry,
      log: this.log,
      defaultJobOptions: { removeOnComplete: 10, removeOnFail: 10 },
    });
  }

  async start(): Promise<void> {
    startProcessing(this.queue.process(() => this.sweep(this.clock.now())));
    await this.queue.add({}, { repeat: { every: this.everyMinutes * 60_000 }, jobId: 'at-risk-sweep' });
  }

  /** Marks every overdue customer; returns how many were marked. */
  async sweep(now: number): Promise<{ marked: number }> {
    let marked = 0;
    let after: Visitor['_id'] | null = null;
    for (;;) {
      const batch: Visitor[] = await visitors.customersAfter(after, BATCH);
      for (const visitor of batch) {
        const { settings } = await this.sites.get(visitor.siteId);
        const overdue = (v: Visitor) =>
          v.atRiskReason === null &&
          isRepurchaseOverdue(
            v.orders.map((o) => (o.at ?? v.createdAt).getTime()),
            now,
            settings,
          );
        if (!overdue(visitor)) continue;
        // Checked again on the fresh record: an order placed meanwhile keeps the customer off the list.
        const updated = await this.lifecycle.update(visitor._id.toHexString(), (v) =>
          overdue(v) ? { ...v, atRiskReason: 'repurchase_overdue' } : v,
        );
        if (updated?.atRiskReason === 'repurchase_overdue') marked += 1;
      }
      if (batch.length < BATCH) break;
      after = batch.at(-1)!._id;
    }
    if (marked > 0) this.log.info({ marked }, 'at-risk sweep marked customers');
    return { marked };
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }
}
