import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { KbLocale } from '../../shared/contract/kb';
import type { Logger } from '../infra/logger';
import { closeRedis } from '../infra/redis-close';
import type { IndexChange } from './search/article-index';

const SyncMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('change'),
    origin: z.string(),
    at: z.number(),
    siteId: z.string(),
    locale: KbLocale,
    change: z.object({
      id: z.string(),
      version: z.number(),
      article: z
        .object({
          id: z.string(),
          title: z.string(),
          body: z.string(),
          category: z.string(),
          tags: z.array(z.string()),
          excerpt: z.string(),
          phrasings: z.array(z.string()).readonly().optional(),
        })
        .nullable(),
    }),
  }),
  z.object({ type: z.literal('reset'), origin: z.string(), at: z.number(), siteId: z.string() }),
]);
export type SyncMessage = z.infer<typeof SyncMessage>;
export type SyncEvent = { type: 'change'; siteId: string; locale: KbLocale; change: IndexChange } | { type: 'reset'; siteId: string };

/**
 * Tells every other server process about published-article changes over Redis pub/sub, so their
 * search indexes follow within milliseconds, without polling. A message carries the indexed form of
 * the article, so receivers apply it without a database read. Each process ignores its own messages
 * (it applied the change before announcing it).
 */
export class IndexSync {
  private readonly origin = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(
    redisUrl: string,
    private readonly channel: string,
    private readonly onEvent: (event: SyncEvent, lagMs: number) => void,
    private readonly log: Logger,
  ) {
    this.publisher = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(redisUrl);
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (err: Error) => log.warn({ err: err.message }, 'kb index sync: redis connection error'));
    }
  }

  async start(): Promise<void> {
    this.subscriber.on('message', (_channel: string, raw: string) => this.receive(raw));
    await this.subscriber.subscribe(this.channel);
  }

  async announce(event: SyncEvent): Promise<void> {
    const message: SyncMessage = { ...event, origin: this.origin, at: Date.now() };
    try {
      await this.publisher.publish(this.channel, JSON.stringify(message));
    } catch (err) {
      this.log.error({ err, siteId: event.siteId }, 'kb index sync: could not announce a change; other processes stay stale until restart');
    }
  }

  async close(): Promise<void> {
    await Promise.all([closeRedis(this.subscriber), closeRedis(this.publisher)]);
  }

  private receive(raw: string): void {
    let message: SyncMessage;
    try {
      message = SyncMessage.parse(JSON.parse(raw));
    } catch (err) {
      this.log.warn({ err }, 'kb index sync: ignored a malformed message');
      return;
    }
    if (message.origin === this.origin) return;
    const { origin: _origin, at, ...event } = message;
    this.onEvent(event, Date.now() - at);
  }
}
