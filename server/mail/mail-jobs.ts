import type Bull from 'bull';
import type { Redis } from 'ioredis';
import type { ConversationStore } from '../conversations/conversation-store';
import { visitors } from '../data';
import type { DomainEvents } from '../events/domain-events';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import { isSuperseded } from './reply-batch';
import { type DataRequestMail, recipientOf, type VisitorMail } from './visitor-mail';
import { closeQueue, openQueue, startProcessing } from '../infra/queue-processing';
import type { QueueRegistry } from '../infra/queue-registry';

interface ReplyJob {
  conversationId: string;
  /** Epoch ms it is due: a reply's time, or the visitor's departure, plus the site's delay. */
  dueAt: number;
}
interface TranscriptJob {
  conversationId: string;
}
/** Names no address: the mail goes to the one stored on the visitors when it is sent. */
interface DataRequestJob extends DataRequestMail {
  /** Epoch ms: the link is valid from then on. */
  requestedAt: number;
}
type MailJob = ReplyJob | TranscriptJob | DataRequestJob;

interface Deps {
  redisUrl: string;
  /** Bull's key prefix. */
  prefix: string;
  /** The server's bull queues (this one joins them). */
  queues: QueueRegistry;
  /** Redis with this deployment's key prefix. */
  redis: Redis;
  store: ConversationStore;
  mail: VisitorMail;
  /** Whether any widget tab of the visitor is connected, on any server process. */
  present(visitorId: string): Promise<boolean>;
  /** The site's reply-email delay, in seconds. */
  delaySeconds(siteId: string): Promise<number>;
  /** Whether the site mails a transcript when a conversation closes. */
  transcriptOnClose(siteId: string): Promise<boolean>;
  clock: Clock;
  log: Logger;
}

/** Kept a while beyond any delay: which visitor has replies waiting, and the latest due time per conversation. */
const KEY_TTL_SECONDS = 7 * 24 * 3600;
/** Jobs of each kind one process runs at once: a mail mostly waits (database, SMTP), so several overlap. */
const CONCURRENCY = 4;
const pendingKey = (visitorId: string) => `mail:pending:${visitorId}`;
const dueKey = (conversationId: string) => `mail:due:${conversationId}`;

/**
 * Replies by email, as bull jobs: each agent reply, and each departure of a visitor who has replies
 * waiting, schedules a delayed job (deterministic id, so it runs once across processes and survives
 * restarts). A job sends only when no later one is due (one mail per quiet period) and no tab of the
 * visitor is open; the mail carries every reply since the last mail that the visitor has not read.
 * Transcripts on close, and the links that confirm a visitor's data request, go through the same queue.
 */
export class MailJobs {
  private readonly queue: Bull.Queue<MailJob>;

  constructor(private readonly deps: Deps) {
    this.queue = openQueue<MailJob>('mail', {
      redisUrl: deps.redisUrl,
      prefix: deps.prefix,
      registry: deps.queues,
      log: deps.log,
      defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 1000 } },
    });
  }

  start(): void {
    // One processor for both kinds: bull runs a fetch loop per process() call, and a second loop's
    // promise rejects when the queue closes.
    startProcessing(
      this.queue.process('*', CONCURRENCY, async (job) => {
        if (job.name === 'transcript') return this.transcript(job.data as TranscriptJob);
        if (job.name === 'data-request') return this.dataRequest(job.data as DataRequestJob);
        return this.reply(job.data as ReplyJob);
      }),
    );
  }

  async onAgentReply({ conversation }: DomainEvents['agent.replied']): Promise<void> {
    // An unsubscribed visitor is checked when the job runs (they may unsubscribe meanwhile, too).
    const visitor = await visitors.byId(conversation.visitorId);
    if (!visitor?.email) return;
    const conversationId = conversation._id.toHexString();
    const siteId = conversation.siteId.toHexString();
    await this.deps.redis.set(pendingKey(visitor._id.toHexString()), `${conversationId}:${siteId}`, 'EX', KEY_TTL_SECONDS);
    await this.schedule(conversationId, siteId);
  }

  /** A tab of the visitor closed: if replies wait for them, the mail is due once they have stayed away. */
  async onVisitorLeft(visitorId: string): Promise<void> {
    const pending = await this.deps.redis.get(pendingKey(visitorId));
    const [conversationId, siteId] = pending?.split(':') ?? [];
    if (conversationId && siteId) await this.schedule(conversationId, siteId);
  }

  async onConversationClosed({ conversation }: DomainEvents['conversation.closed']): Promise<void> {
    if (!(await this.deps.transcriptOnClose(conversation.siteId.toHexString()))) return;
    const conversationId = conversation._id.toHexString();
    await this.queue.add('transcript', { conversationId }, { jobId: `transcript-on-close:${conversationId}` });
  }

  async onDataRequested({ at, ...request }: DomainEvents['visitor.dataRequested']): Promise<void> {
    await this.queue.add('data-request', { ...request, requestedAt: at.getTime() });
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }

  private async schedule(conversationId: string, siteId: string): Promise<void> {
    const { redis, clock, delaySeconds } = this.deps;
    const delay = (await delaySeconds(siteId)) * 1000;
    const dueAt = clock.now() + delay;
    await redis.multi().zadd(dueKey(conversationId), 'GT', dueAt, 'due').expire(dueKey(conversationId), KEY_TTL_SECONDS).exec();
    await this.queue.add('reply', { conversationId, dueAt }, { jobId: `reply-email:${conversationId}:${dueAt}`, delay });
  }

  private async reply({ conversationId, dueAt }: ReplyJob): Promise<{ outcome: string }> {
    const { redis, store, mail, present } = this.deps;
    const latest = await redis.zscore(dueKey(conversationId), 'due');
    if (isSuperseded(dueAt, latest === null ? null : Number(latest))) return { outcome: 'superseded' };
    const conversation = await store.loadConversation(conversationId);
    if (!conversation) return { outcome: 'gone' };
    const visitorId = conversation.visitorId.toHexString();
    // The visitor is here: they see the replies in the widget. Their departure schedules the mail again.
    if (await present(visitorId)) return { outcome: 'present' };
    const visitor = await visitors.byId(visitorId);
    const outcome = visitor ? await mail.sendReplies(conversation, visitor) : 'no-address';
    if (outcome !== 'sent' || conversation.status !== 'open') await redis.del(pendingKey(visitorId));
    return { outcome };
  }

  private async dataRequest({ requestedAt, ...request }: DataRequestJob): Promise<{ outcome: string }> {
    return { outcome: await this.deps.mail.sendDataRequest(request, requestedAt) };
  }

  private async transcript({ conversationId }: TranscriptJob): Promise<{ outcome: string }> {
    const conversation = await this.deps.store.loadConversation(conversationId);
    const visitor = conversation && (await visitors.byId(conversation.visitorId));
    const to = visitor && recipientOf(visitor);
    if (!conversation || !visitor || !to) return { outcome: 'no-address' };
    await this.deps.mail.sendTranscript(conversation, visitor, to);
    return { outcome: 'sent' };
  }
}
