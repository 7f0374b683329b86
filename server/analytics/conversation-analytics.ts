import type { Redis } from 'ioredis';
import { onMessageStored } from '../conversations/conversation-store';
import type { Conversation } from '../data';
import type { Logger } from '../infra/logger';
import type { AnalyticsRecorder } from './recorder';

const FIRST_REPLY_TTL_SECONDS = 90 * 86_400;
const seconds = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);

/**
 * Conversation facts: the first agent reply (from the conversation's start), the resolution time
 * (start to close) and the visitor's rating.
 */
export class ConversationAnalytics {
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly recorder: AnalyticsRecorder,
    private readonly redis: Redis,
    private readonly log: Logger,
  ) {}

  /** Follows stored messages for first agent replies. */
  start(): void {
    this.unsubscribe = onMessageStored((conversation, message) => {
      if (message.author !== 'agent') return;
      this.firstReply(conversation, message.createdAt).catch((err: unknown) =>
        this.log.warn({ err }, 'analytics: first reply not recorded'),
      );
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** Only the first agent message of a conversation counts, whichever process stores it. */
  private async firstReply(conversation: Conversation, at: Date): Promise<void> {
    const key = `analytics:first-reply:${conversation._id.toHexString()}`;
    if ((await this.redis.set(key, '1', 'EX', FIRST_REPLY_TTL_SECONDS, 'NX')) !== 'OK') return;
    await this.recorder.record({
      type: 'first_response',
      siteId: conversation.siteId.toHexString(),
      at,
      seconds: seconds(conversation.createdAt, at),
    });
  }

  closed(conversation: Pick<Conversation, 'siteId' | 'createdAt'>, closedAt: Date): Promise<void> {
    return this.recorder.record({
      type: 'resolution',
      siteId: conversation.siteId.toHexString(),
      at: closedAt,
      seconds: seconds(conversation.createdAt, closedAt),
    });
  }

  rated(conversation: Pick<Conversation, 'siteId'>, rating: number, at: Date): Promise<void> {
    return this.recorder.record({ type: 'csat', siteId: conversation.siteId.toHexString(), at, rating });
  }
}
