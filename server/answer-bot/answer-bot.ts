import type Bull from 'bull';
import type { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { DEFAULT_ANSWER_BOT } from '../../shared/contract';
import type { BotOutcome } from '../analytics/facts';
import type { AnalyticsRecorder } from '../analytics/recorder';
import type { ConversationStore } from '../conversations/conversation-store';
import { messages, type StoredMessage } from '../data';
import { AppError } from '../errors/app-error';
import type { Escalations } from '../escalation/escalations';
import type { DomainEvents } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import { closeQueue, openQueue, startProcessing } from '../infra/queue-processing';
import type { QueueRegistry } from '../infra/queue-registry';
import type { KnowledgeBase } from '../kb/knowledge-base';
import type { SiteDirectory } from '../sites/site-directory';
import type { LifecycleService } from '../visitors/lifecycle-service';
import { botTurn } from './bot-turn';
import { asksForPerson } from './hand-off-words';
import { bestPassage } from './passage';

interface Deps {
  redisUrl: string;
  /** Bull's key prefix. */
  prefix: string;
  /** The server's bull queues (this one joins them). */
  queues: QueueRegistry;
  /** Redis with this deployment's key prefix. */
  redis: Redis;
  store: ConversationStore;
  kb: KnowledgeBase;
  sites: SiteDirectory;
  lifecycle: LifecycleService;
  escalations: Escalations;
  analytics: Pick<AnalyticsRecorder, 'record'>;
  /** After this long without a visitor message or a hand-off, an answer counts as an assumed resolution. */
  assumedAfterSeconds: number;
  clock: Clock;
  log: Logger;
}

/** The answer's outcome is decided once, by whichever comes first: a click, a hand-off, or the quiet period. */
const OUTCOME_TTL_SECONDS = 30 * 86_400;
const outcomeKey = (messageId: string) => `bot:outcome:${messageId}`;
/** The conversation's latest answer of the bot still without an outcome: what a hand-off undoes. */
const latestKey = (conversationId: string) => `bot:latest:${conversationId}`;

interface AssumedJob {
  messageId: string;
  conversationId: string;
  siteId: string;
  /** The answer's position: any visitor message after it means the answer did not settle it. */
  seq: number;
  answeredAt: number;
}

/**
 * The answer bot: a visitor's question that the knowledge base answers confidently gets the
 * article's passage within the second, from the bot (buyers get a person first and the passage
 * meanwhile); a request for a person in the visitor's words hands off. Each answer ends as a
 * confirmed resolution ("That helped"), a hand-off, or, after a quiet period, an assumed resolution:
 * counted apart, never mixed.
 */
export class AnswerBot {
  private readonly queue: Bull.Queue<AssumedJob>;

  constructor(private readonly deps: Deps) {
    this.queue = openQueue<AssumedJob>('answer-bot-assumed', {
      redisUrl: deps.redisUrl,
      prefix: deps.prefix,
      registry: deps.queues,
      log: deps.log,
      defaultJobOptions: { removeOnComplete: 100, removeOnFail: 100, attempts: 3, backoff: { type: 'exponential', delay: 1000 } },
    });
  }

  start(): void {
    startProcessing(this.queue.process(async (job) => this.settleQuietly(job.data)));
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }

  /** A visitor's message was stored: answer it, hand it off, or leave it to people. */
  async onVisitorMessage({ conversation, message, siteId, visitorId, locale }: DomainEvents['visitor.messaged']): Promise<void> {
    const { site, settings } = await this.deps.sites.get(siteId);
    const bot = site.answerBot ?? DEFAULT_ANSWER_BOT;
    // A person has the conversation: the bot stays out of it.
    if (!bot.enabled || conversation.assigneeId) return;
    if (asksForPerson(message.text)) {
      // The request itself started a wait; the hand-off starts it again from its own line, which tells the agent why.
      await this.deps.store.endWaiting(conversation._id);
      await this.deps.escalations.requestPerson(visitorId, undefined);
      return;
    }
    // The search is in memory; only a question the bot can answer costs a visitor read (stage, cart, intent).
    const best = await this.deps.kb.bestAnswer(conversation.siteId, message.text, locale ?? undefined);
    if (!best || best.confidence < bot.threshold) return;
    const visitor = await this.deps.lifecycle.load(visitorId);
    if (!visitor) return;
    const mode = botTurn({
      stage: visitor.stage,
      cartValue: visitor.cart.value ?? 0,
      intentScore: visitor.intent.score ?? 0,
      intentThreshold: settings.intentThreshold,
    });
    if (mode === 'while_you_wait') await this.deps.escalations.routeNow(conversation, visitor);

    const article = await this.deps.kb.publishedArticle(visitor.siteId, best.articleId, best.locale);
    const passage = bestPassage(article.published.body, message.text, best.locale) || article.published.excerpt;
    // Answered: nobody waits any more (reply alerts and the offline agent's email stand down). A
    // buyer who gets a person first still waits for that person.
    if (mode === 'answer') await this.deps.store.endWaiting(conversation._id);
    const posted = await this.deps.store.postMessage({
      conversation,
      // One answer per question, however often the event is replayed.
      clientId: `bot-${message.seq}`,
      author: 'bot',
      text: passage,
      answer: { articleId: article._id.toHexString(), title: article.published.title, mode },
    });
    if (!posted.created || mode !== 'answer') return;
    await this.answered(posted.message, siteId);
  }

  /** "That helped" under an answer of the bot: a confirmed resolution, once. */
  async helped(visitorId: string, messageId: string): Promise<void> {
    const message = await messages.byId(messageId);
    const conversation = message && (await this.deps.store.loadConversation(message.conversationId));
    if (!message?.answer || !conversation?.visitorId.equals(visitorId)) {
      throw new AppError('not_found', 'There is no such answer in your conversation.');
    }
    if (await this.settle(message._id, conversation.siteId.toHexString(), message.createdAt, 'confirmed')) {
      await this.learn('helped', message, conversation.siteId);
    }
  }

  /** A hand-off right after an answer of the bot: the answer did not settle it. */
  async onHandedOff({ conversation, siteId }: DomainEvents['visitor.handedOff']): Promise<void> {
    const latest = await this.deps.redis.get(latestKey(conversation._id.toHexString()));
    if (!latest) return;
    const [messageId, answeredAt] = latest.split(' ');
    if (!(await this.settle(messageId!, siteId, new Date(Number(answeredAt)), 'handed_off'))) return;
    const answer = await messages.byId(messageId!);
    if (answer) await this.learn('handoff', answer, conversation.siteId);
  }

  /**
   * Teaches the answer's article the question it was the answer to (`bot-<seq>` names the question's
   * position). A side effect of the visitor's click or hand-off: a failure is logged, not answered.
   */
  private async learn(signal: 'helped' | 'handoff', answer: StoredMessage, siteId: Types.ObjectId): Promise<void> {
    const seq = /^bot-(\d+)$/.exec(answer.clientId)?.[1];
    if (!answer.answer || seq === undefined) return;
    try {
      const [question] = await messages.page(answer.conversationId, Number(seq) - 1, 1);
      if (question?.author !== 'visitor') return;
      await this.deps.kb.learn(signal, siteId, answer.answer.articleId, question.text, dateOf(this.deps.clock));
    } catch (err) {
      this.deps.log.warn({ err, messageId: answer._id }, 'answer bot: could not learn from an outcome');
    }
  }

  private async answered(message: StoredMessage, siteId: string): Promise<void> {
    const conversationId = message.conversationId.toHexString();
    const answeredAt = message.createdAt.getTime();
    await this.deps.redis.set(latestKey(conversationId), `${message._id} ${answeredAt}`, 'EX', OUTCOME_TTL_SECONDS);
    await this.deps.analytics.record({ type: 'bot', siteId, at: message.createdAt, outcome: 'answered' });
    const job: AssumedJob = { messageId: message._id, conversationId, siteId, seq: message.seq, answeredAt };
    await this.queue.add(job, { jobId: `assumed:${message._id}`, delay: this.deps.assumedAfterSeconds * 1000 });
  }

  /** The quiet period after an answer ended: assumed resolved unless the visitor wrote again since. */
  private async settleQuietly({ messageId, conversationId, siteId, seq, answeredAt }: AssumedJob): Promise<void> {
    const lastQuestion = await messages.latestBy(new Types.ObjectId(conversationId), 'visitor');
    if (lastQuestion && lastQuestion.seq > seq) return;
    await this.settle(messageId, siteId, new Date(answeredAt), 'assumed');
  }

  /** Records the answer's outcome, counted on the answer's day; only the first outcome of an answer counts (false for a later one). */
  private async settle(messageId: string, siteId: string, answeredAt: Date, outcome: Exclude<BotOutcome, 'answered'>): Promise<boolean> {
    const first = await this.deps.redis.set(outcomeKey(messageId), outcome, 'EX', OUTCOME_TTL_SECONDS, 'NX');
    if (first !== 'OK') return false;
    await this.deps.analytics.record({ type: 'bot', siteId, at: answeredAt, outcome });
    return true;
  }
}
