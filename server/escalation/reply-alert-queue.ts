import type Bull from 'bull';
import type { Logger } from '../infra/logger';
import type { ConversationStore } from '../conversations/conversation-store';
import type { DomainEvents } from '../events/domain-events';
import type { Clock } from '../infra/clock';
import { rooms } from '../realtime/rooms';
import type { AgentNamespace } from '../realtime/namespaces';
import { closeQueue, openQueue, startProcessing } from '../infra/queue-processing';
import type { QueueRegistry } from '../infra/queue-registry';

interface ReplyAlertJob {
  conversationId: string;
  /** Epoch ms of the conversation's `waitingSince` when scheduled; a reply in between makes the job stale. */
  waitingSince: number;
}

/**
 * "A visitor has waited N seconds without any agent reply" → alert every online agent of the site.
 * A delayed bull job per waiting period, with a deterministic id: scheduling twice is a no-op, it
 * survives restarts, and with several server processes exactly one of them runs it.
 */
export class ReplyAlertQueue {
  private readonly queue: Bull.Queue<ReplyAlertJob>;

  constructor(
    redisUrl: string,
    prefix: string,
    registry: QueueRegistry,
    private readonly delaySeconds: number,
    private readonly agents: AgentNamespace,
    private readonly store: ConversationStore,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    this.queue = openQueue<ReplyAlertJob>('reply-alert', {
      redisUrl,
      prefix,
      registry,
      log: this.log,
      defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 1000, attempts: 3, backoff: 1000 },
    });
  }

  start(): void {
    startProcessing(this.queue.process(async (job) => this.alert(job.data)));
  }

  /**
   * Only the message that started the wait schedules its alert (a re-schedule would be a no-op anyway):
   * a visitor's message, or the system line of a hand-off ("Talk to a person").
   */
  async onWaitStarted({ conversation, message }: Pick<DomainEvents['visitor.messaged'], 'conversation' | 'message'>): Promise<void> {
    const { waitingSince } = conversation;
    if (waitingSince?.getTime() === message.createdAt.getTime()) await this.schedule(conversation._id.toHexString(), waitingSince);
  }

  /** An agent's reply ends the wait the conversation was in before it. */
  async onAgentReply({ conversation }: DomainEvents['agent.replied']): Promise<void> {
    if (conversation.waitingSince) await this.cancel(conversation._id.toHexString(), conversation.waitingSince);
  }

  private async schedule(conversationId: string, waitingSince: Date): Promise<void> {
    const data = { conversationId, waitingSince: waitingSince.getTime() };
    const delay = Math.max(0, data.waitingSince + this.delaySeconds * 1000 - this.clock.now());
    await this.queue.add(data, { jobId: jobId(data), delay });
  }

  private async cancel(conversationId: string, waitingSince: Date): Promise<void> {
    const job = await this.queue.getJob(jobId({ conversationId, waitingSince: waitingSince.getTime() }));
    await job?.remove().catch(() => undefined); // already running or done: alert() rechecks anyway
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }

  private async alert({ conversationId, waitingSince }: ReplyAlertJob): Promise<{ alerted: boolean }> {
    const conversation = await this.store.loadConversation(conversationId);
    if (conversation?.status !== 'open' || conversation.waitingSince?.getTime() !== waitingSince) {
      return { alerted: false };
    }
    this.agents.to(rooms.siteAgents(conversation.siteId.toHexString())).emit('conversation:waiting-alert', {
      conversationId,
      visitorName: conversation.visitorName,
      waitingSeconds: Math.round((this.clock.now() - waitingSince) / 1000),
    });
    return { alerted: true };
  }
}

function jobId({ conversationId, waitingSince }: ReplyAlertJob): string {
  return `reply-alert:${conversationId}:${waitingSince}`;
}
