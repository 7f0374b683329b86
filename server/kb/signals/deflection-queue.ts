import type Bull from 'bull';
import { Types } from 'mongoose';
import { conversations, kbSignals, messages } from '../../data';
import type { Logger } from '../../infra/logger';
import { closeQueue, openQueue, startProcessing } from '../../infra/queue-processing';
import type { QueueRegistry } from '../../infra/queue-registry';

export interface DeflectionJob {
  siteId: string;
  visitorId: string;
  articleId: string;
  /** Epoch ms of the view. */
  viewedAt: number;
}

/** A visitor read an article: unless a chat follows within the window, the read deflected a chat. */
export const DEFLECTION_WINDOW_MS = 10 * 60_000;
/** A visitor's conversations looked at; a chat after a read is in one of the latest. */
const RECENT_CONVERSATIONS = 20;
/** A conversation's latest messages looked at: more than a chat writes in the deflection window. */
const LATEST_MESSAGES = 200;

/**
 * One delayed bull job per (visitor, article) read, with a deterministic id: reading the same
 * article again while its check is pending adds nothing, the check survives restarts, and with
 * several server processes exactly one runs it.
 */
export class DeflectionQueue {
  private readonly queue: Bull.Queue<DeflectionJob>;

  constructor(
    redisUrl: string,
    prefix: string,
    registry: QueueRegistry,
    private readonly log: Logger,
    /** Told of each stored deflection (analytics). */
    private readonly onDeflection?: (job: DeflectionJob) => Promise<void>,
  ) {
    this.queue = openQueue<DeflectionJob>('kb-deflection', {
      redisUrl,
      prefix,
      registry,
      log: this.log,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000, attempts: 3, backoff: 5000 },
    });
  }

  start(): void {
    startProcessing(
      this.queue.process(async (job) => {
        const deflected = await checkDeflection(job.data);
        if (deflected) await this.onDeflection?.(job.data);
        return { deflected };
      }),
    );
  }

  async schedule(job: DeflectionJob): Promise<void> {
    const delay = Math.max(0, job.viewedAt + DEFLECTION_WINDOW_MS - Date.now());
    await this.queue.add(job, { jobId: deflectionJobId(job), delay });
  }

  getJob(job: Pick<DeflectionJob, 'visitorId' | 'articleId'>): Promise<Bull.Job<DeflectionJob> | null> {
    return this.queue.getJob(deflectionJobId(job));
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }
}

function deflectionJobId({ visitorId, articleId }: Pick<DeflectionJob, 'visitorId' | 'articleId'>): string {
  return `kb-deflection:${visitorId}:${articleId}`;
}

/**
 * Stores a deflection unless, since the view, the visitor started a conversation, wrote in one, was
 * brought into one (a system message: "Talk to a person", a proactive escalation), or asked for a
 * person after reading. Returns whether it stored one.
 */
export async function checkDeflection({ siteId, visitorId, articleId, viewedAt }: DeflectionJob): Promise<boolean> {
  const since = new Date(viewedAt);
  const visitor = new Types.ObjectId(visitorId);
  if ((await kbSignals.escalationTimesOf(visitor)).some((at) => at >= since)) return false;
  for (const conversation of await conversations.ofVisitor(visitor, RECENT_CONVERSATIONS)) {
    if (conversation.createdAt >= since) return false;
    // A conversation closed before the read has nothing after it; an open one's document lags its live summary.
    if (conversation.status === 'closed' && conversation.updatedAt < since) continue;
    const latest = await messages.latest(conversation._id, LATEST_MESSAGES);
    if (latest.some((m) => m.author !== 'agent' && m.createdAt >= since)) return false;
  }
  await kbSignals.add(
    'deflection',
    { siteId: new Types.ObjectId(siteId), visitorId: visitor },
    { articleId: new Types.ObjectId(articleId) },
  );
  return true;
}
