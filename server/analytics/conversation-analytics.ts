import type { Redis } from 'ioredis';
import type { DomainEvents } from '../events/domain-events';
import type { AnalyticsRecorder } from './recorder';
import type { ReplyTimes } from './reply-times';

const FIRST_REPLY_TTL_SECONDS = 90 * 86_400;
const seconds = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);

/**
 * Conversation facts: the first agent reply (from the conversation's start; also kept as the site's
 * recent reply times, see ReplyTimes), the resolution time (start to close) and the visitor's rating.
 */
export class ConversationAnalytics {
  constructor(
    private readonly recorder: AnalyticsRecorder,
    private readonly redis: Redis,
    private readonly replyTimes: ReplyTimes,
  ) {}

  /** Only the first agent message of a conversation counts, whichever process stores it. */
  async messageCreated({ conversation, message }: DomainEvents['message.created']): Promise<void> {
    if (message.author !== 'agent') return;
    const at = message.createdAt;
    const key = `analytics:first-reply:${conversation._id.toHexString()}`;
    if ((await this.redis.set(key, '1', 'EX', FIRST_REPLY_TTL_SECONDS, 'NX')) !== 'OK') return;
    const siteId = conversation.siteId.toHexString();
    const firstResponse = seconds(conversation.createdAt, at);
    await Promise.all([
      this.recorder.record({ type: 'first_response', siteId, at, seconds: firstResponse }),
      this.replyTimes.record(siteId, at, firstResponse),
    ]);
  }

  closed({ conversation, closedAt }: DomainEvents['conversation.closed']): Promise<void> {
    return this.recorder.record({
      type: 'resolution',
      siteId: conversation.siteId.toHexString(),
      at: closedAt,
      seconds: seconds(conversation.createdAt, closedAt),
    });
  }

  rated({ conversation, rating, at }: DomainEvents['conversation.rated']): Promise<void> {
    return this.recorder.record({ type: 'csat', siteId: conversation.siteId.toHexString(), at, rating });
  }
}
