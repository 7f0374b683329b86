import type Bull from 'bull';
import type { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { accounts } from '../data';
import { visitorData } from '../data/visitor-data';
import type { DomainEventPublisher, EventActor, VisitorProof } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import type { KnowledgeBase } from '../kb/knowledge-base';
import { closeQueue, openQueue, startProcessing } from '../infra/queue-processing';
import type { QueueRegistry } from '../infra/queue-registry';
import type { VisitorNamespace } from '../realtime/namespaces';
import { rooms } from '../realtime/rooms';
import { removeJobsNaming } from './pending-jobs';
import { scrubPhrasings } from './phrasing-scrub';
import { removeRedisTraces } from './redis-traces';

export interface EraseJob {
  siteId: string;
  visitorId: string;
  /** An admin (an id only: the job's data stays in Redis until it completes), or the visitor themselves. */
  by: { kind: 'user'; userId: string } | { kind: 'visitor'; via: VisitorProof };
  ip: string | null;
}

export type ErasureStatus = 'erased' | 'erasing' | 'failed';

/** How long a request for an erasure waits for the job before answering `erasing` (the asker then asks again). */
export const ERASE_WAIT_MS = 8_000;

/** One job per visitor: asking twice while it waits or runs finds the same job. */
export const eraseJobId = (visitorId: string) => `erase:${visitorId}`;

interface ErasureDeps {
  redisUrl: string;
  /** The server's Redis key prefix (bull's is `<prefix>:bull`). */
  prefix: string;
  redis: Redis;
  queues: QueueRegistry;
  visitors: VisitorNamespace;
  kb: Pick<KnowledgeBase, 'removePhrasing'>;
  events: DomainEventPublisher;
  clock: Clock;
  log: Logger;
}

/**
 * Erasing a visitor (issue 18): a bull job per visitor, run by whichever server process takes it and
 * retried by another when one dies midway. Each step deletes what remains, so a re-run finishes what
 * a broken one began; the visitor record goes last, so until then the erasure can be found and resumed.
 */
export class VisitorErasure {
  private readonly queue: Bull.Queue<EraseJob>;

  constructor(private readonly deps: ErasureDeps) {
    this.queue = openQueue<EraseJob>('privacy-erase', {
      redisUrl: deps.redisUrl,
      prefix: `${deps.prefix}:bull`,
      log: deps.log,
      registry: deps.queues,
      defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true },
      // A visitor half erased must not wait a minute: when the process running the job dies, another
      // takes it over within about 15 s. Bull renews the lock every 5 s while the job runs.
      settings: { lockDuration: 10_000, stalledInterval: 5_000 },
    });
  }

  start(): void {
    startProcessing(this.queue.process((job) => this.erase(job.data)));
  }

  /** Queues the erasure (once per visitor; a failed one again) and waits for it up to `waitMs`. */
  async request(data: EraseJob, waitMs: number): Promise<ErasureStatus> {
    const failed = await this.queue.getJob(eraseJobId(data.visitorId));
    // An erasure that used up its attempts starts over when asked again.
    if (failed && (await failed.isFailed())) await failed.remove();
    const job = await this.queue.add(data, { jobId: eraseJobId(data.visitorId) });
    const done = job.finished().then(
      () => 'erased' as const,
      () => 'failed' as const,
    );
    const late = new Promise<'erasing'>((resolve) => setTimeout(resolve, waitMs, 'erasing').unref());
    return Promise.race([done, late]);
  }

  /**
   * Erases the site's visitor (`request`), or tells how their erasure stands once the record is gone:
   * null when the site has no such visitor and no erasure of one.
   */
  async requestIfFound(data: EraseJob, waitMs: number): Promise<ErasureStatus | null> {
    if (await visitorData.ofSite(new Types.ObjectId(data.siteId), data.visitorId)) return this.request(data, waitMs);
    return this.status(data.siteId, data.visitorId);
  }

  /** The state of a visitor's erasure job of this site, or null when there is none. */
  async status(siteId: string, visitorId: string): Promise<ErasureStatus | null> {
    const job = await this.queue.getJob(eraseJobId(visitorId));
    if (!job || job.data.siteId !== siteId) return null;
    return (await job.isFailed()) ? 'failed' : 'erasing';
  }

  /** The steps; every one idempotent. */
  async erase(job: EraseJob): Promise<void> {
    const { siteId, visitorId } = job;
    const site = new Types.ObjectId(siteId);
    const visitor = new Types.ObjectId(visitorId);
    await visitorData.markErasing(visitor, dateOf(this.deps.clock));
    this.deps.visitors.in(rooms.visitor(visitorId)).disconnectSockets(true);
    const conversationIds = await visitorData.conversationIds(site, visitor);
    const ids = [visitorId, ...conversationIds.map((id) => id.toHexString())];
    await removeJobsNaming(this.deps.queues, ids, eraseJobId(visitorId));
    // Before the messages go: they are how the phrasings taken from them are found.
    await scrubPhrasings(this.deps.kb, site, await visitorData.visitorTexts(conversationIds));
    for (const conversationId of conversationIds) await visitorData.removeConversation(conversationId, visitor);
    await visitorData.removeAroundVisitor(visitor);
    await removeRedisTraces(this.deps.redis, this.deps.prefix, siteId, ids);
    await visitorData.removeVisitor(visitor);
    await this.deps.events.publish('visitor.erased', { siteId, visitorId, by: await actorOf(job), at: dateOf(this.deps.clock) });
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }
}

async function actorOf({ visitorId, by, ip }: EraseJob): Promise<EventActor> {
  if (by.kind === 'visitor') return { kind: 'visitor', visitorId, via: by.via, ip };
  const user = await accounts.byId(by.userId);
  return user ? { kind: 'user', user, ip } : { kind: 'system' };
}
