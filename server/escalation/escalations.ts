import type { Redis } from 'ioredis';
import type { ConversationSummary, ProactivePrompt } from '../../shared/contract';
import {
  dueHesitationTimers,
  escalationPriority,
  mayPrompt,
  checkTimer,
  shouldEscalate,
  type Concern,
  type Hesitation,
  type LifecycleSettings,
} from '../../shared/lifecycle';
import { LOCALES, matchLocale } from '../../shared/i18n/locales';
import { loadCatalog } from '../../shared/i18n/load-catalog';
import { translate } from '../../shared/i18n/translate';
import type { ConversationPatch, ConversationStore } from '../conversations/conversation-store';
import { toSummary } from '../conversations/serialize';
import { rooms } from '../realtime/rooms';
import type { ChatNamespaces, VisitorSocket } from '../realtime/namespaces';
import { visitors, type Conversation, type StoredUser, type Visitor } from '../data';
import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import { AppError } from '../errors/app-error';
import type { Logger } from '../infra/logger';
import type { SiteDirectory } from '../sites/site-directory';
import { browsingState } from '../visitors/browsing';
import type { LifecycleService } from '../visitors/lifecycle-service';
import type { AgentAvailability } from './agent-availability';
import { handOffLine, type HandOffContext } from './hand-off';
import type { HesitationOutcome } from '../../shared/contract/analytics';
import type { HesitationTimer, HesitationTimers } from './hesitation-timers';
import { OFFER_TO_ALL_ATTEMPT, type RoutingJob, type RoutingQueue } from './routing-queue';

/** The knowledge base's answers, as escalation needs them (null until an article fits). */
export interface ArticleLookup {
  answerFor(siteId: string, locale: string | null, concern: Concern): Promise<ProactivePrompt['article']>;
  /** Records that the visitor asked for a person after reading the article; answers its title. */
  readBeforeAsking(siteId: string, visitorId: string, articleId: string): Promise<string | null>;
}

interface Deps {
  ns: ChatNamespaces;
  store: ConversationStore;
  events: DomainEventPublisher;
  redis: Redis;
  sites: SiteDirectory;
  lifecycle: LifecycleService;
  timers: HesitationTimers;
  routing: RoutingQueue;
  availability: AgentAvailability;
  articles: ArticleLookup;
  clock: Clock;
  log: Logger;
}

/** The Redis key of a visitor's prompt the widget has not shown yet (it names the visitor: erasure finds it). */
const unseenPromptKey = (visitorId: string) => `prompt-unseen:${visitorId}`;

/**
 * Proactive escalation of hesitating buyers: the frequency cap, the prompt to the widget, flagging
 * and prioritising the conversation, and routing it to an agent with SLA re-routes.
 */
export class Escalations {
  constructor(private readonly deps: Deps) {}

  start(): void {
    this.deps.timers.start((timer) => this.onTimer(timer));
    this.deps.routing.start((job) => this.routeStep(job));
  }

  /** The visitor's browsing changed: (re)schedule or cancel the business timers. */
  async onBrowsingChanged(visitor: Visitor, settings: LifecycleSettings): Promise<void> {
    const timers = dueHesitationTimers(browsingState(visitor), settings);
    await this.deps.timers.replace(visitor.siteId.toHexString(), visitor._id.toHexString(), timers);
  }

  private async onTimer({ siteId, visitorId, kind }: HesitationTimer): Promise<void> {
    const visitor = await this.deps.lifecycle.load(visitorId);
    if (!visitor) return;
    const { settings } = await this.deps.sites.get(siteId);
    const hesitation = checkTimer(kind, browsingState(visitor), settings, this.deps.clock.now());
    if (hesitation) await this.onHesitation(visitor, hesitation, settings);
    else await this.onBrowsingChanged(visitor, settings); // activity moved the due time: re-arm
  }

  /** A hesitation rule fired: escalate, and publish what came of it (the escalations report). */
  async onHesitation(visitor: Visitor, hesitation: Hesitation, settings: LifecycleSettings): Promise<void> {
    const outcome = await this.escalate(visitor, hesitation, settings);
    await this.deps.events.publish('escalation.decided', { visitor, hesitation, outcome, at: dateOf(this.deps.clock) });
  }

  /** Prompts the visitor and routes the conversation, unless the intent threshold, the cap or an active chat says no. */
  private async escalate(visitor: Visitor, hesitation: Hesitation, settings: LifecycleSettings): Promise<HesitationOutcome> {
    const { redis, ns, availability, articles, store } = this.deps;
    const now = dateOf(this.deps.clock);
    const visitorId = visitor._id.toHexString();
    const siteId = visitor.siteId.toHexString();
    const record = { kind: hesitation.kind, concern: hesitation.concern, reason: hesitation.reason, at: now };
    const notPrompted = async (outcome: HesitationOutcome) => {
      await visitors.update(visitor._id, (current) => ({ ...current, hesitation: record }));
      return outcome;
    };
    if (!shouldEscalate(hesitation, visitor.intent.score ?? 0, settings)) return notPrompted('below_threshold');

    const open = await store.findOpenConversation(visitor._id);
    const inActiveChat = Boolean(open?.assigneeId);
    if (!mayPrompt(visitor.lastPromptedAt?.getTime() ?? null, inActiveChat, settings, now.getTime())) {
      return notPrompted(inActiveChat ? 'in_chat' : 'capped');
    }
    // The cap as an atomic Redis claim: with several processes (or tabs) only one prompt goes out.
    const claimed = await redis.set(`prompt-cap:${visitorId}`, String(now.getTime()), 'PX', settings.promptCapMinutes * 60_000, 'NX');
    if (claimed !== 'OK') return notPrompted('capped');
    await visitors.update(visitor._id, (current) => ({ ...current, hesitation: record, lastPromptedAt: now }));

    const { stage } = visitor;
    const conversation = await this.flag(open ?? (await store.startConversation(visitor)), {
      escalation: record,
      priority: escalationPriority(stage, visitor.cart.value ?? 0),
      routedAt: now,
      offeredTo: [],
    });
    const [agentsOnline, article, message] = await Promise.all([
      availability.anyOnline(siteId),
      articles.answerFor(siteId, visitor.locale ?? null, hesitation.concern),
      this.promptText(siteId, visitor.locale ?? null),
    ]);
    const prompt: ProactivePrompt = {
      conversationId: conversation._id.toHexString(),
      kind: hesitation.kind,
      concern: hesitation.concern,
      article,
      agentsOnline,
      message,
    };
    // Kept until the widget says it showed the prompt (`proactive:seen`), at most as long as the cap: sent again on each connect meanwhile.
    await redis.set(unseenPromptKey(visitorId), JSON.stringify(prompt), 'PX', settings.promptCapMinutes * 60_000);
    ns.visitors.to(rooms.visitor(visitorId)).emit('proactive:prompt', prompt);
    this.deps.log.info({ visitorId, kind: hesitation.kind, agentsOnline }, 'hesitating buyer escalated');
    await this.startRouting(conversation, stage === 'purchase');
    return 'prompted';
  }

  /** A visitor connecting while a prompt of theirs waits unseen (it fired while they were away) gets it now. */
  async resendPrompt(socket: VisitorSocket): Promise<void> {
    try {
      const unseen = await this.deps.redis.get(unseenPromptKey(socket.data.visitorId));
      if (unseen) socket.emit('proactive:prompt', JSON.parse(unseen) as ProactivePrompt);
    } catch (err) {
      this.deps.log.warn({ err, visitorId: socket.data.visitorId }, 'could not resend an unseen prompt');
    }
  }

  /** The widget showed the prompt of `conversationId`: it is not sent again. */
  async markPromptShown(visitorId: string, conversationId: string): Promise<void> {
    const key = unseenPromptKey(visitorId);
    const unseen = await this.deps.redis.get(key);
    if (unseen && (JSON.parse(unseen) as ProactivePrompt).conversationId === conversationId) await this.deps.redis.del(key);
  }

  /** The site's proactive text in the visitor's language, else in the site's default language, else none. */
  private async promptText(siteId: string, visitorLocale: string | null): Promise<string | null> {
    const { site } = await this.deps.sites.get(siteId);
    const texts = site.proactiveMessages ?? {};
    const locale = matchLocale(visitorLocale) ?? matchLocale(site.locale);
    return (locale && texts[locale]) || null;
  }

  /**
   * "Talk to a person" in the widget: a hand-off. The visitor's conversation (created if needed) gets a
   * system line saying what the visitor saw (the prompt, its reason, the article), waits for an answer
   * from then on, and is routed while agents are online; `visitor.handedOff` runs the rest, as a first
   * message does (reply alerts, the offline agent's email).
   */
  async requestPerson(visitorId: string, articleId: string | undefined): Promise<{ conversationId: string; agentsOnline: boolean }> {
    const visitor = await this.deps.lifecycle.load(visitorId);
    if (!visitor) throw new AppError('not_found', 'This visitor no longer exists.');
    const siteId = visitor.siteId.toHexString();
    const { store } = this.deps;
    const open = (await store.findOpenConversation(visitor._id)) ?? (await store.startConversation(visitor));
    const handOff = async () => {
      // Read again alone: asking twice at once (a double click, two tabs) stores one hand-off.
      const current = await store.requireConversation(open._id);
      // Already waiting for a person (a question, or an earlier ask that landed first): asking again adds nothing.
      if (current.waitingSince) return null;
      const [readArticle, prompt] = await Promise.all([
        articleId ? this.deps.articles.readBeforeAsking(siteId, visitorId, articleId) : null,
        current.escalation ? this.promptSeen(siteId, visitor, current.escalation) : null,
      ]);
      // Named by the conversation's last line: a retried request stores it once.
      const posted = await store.postMessage({
        conversation: current,
        clientId: `handoff-${current.lastMessage?.seq ?? -1}`,
        author: 'system',
        text: handOffLine({ prompt, readArticle }),
      });
      return posted.created ? { posted, waiting: await store.startWaiting(open._id, posted.message.createdAt) } : null;
    };
    const handedOff = open.waitingSince ? null : await store.exclusive(open._id, 'hand-off', handOff);
    const agentsOnline = await this.deps.availability.anyOnline(siteId);
    if (!handedOff) return { conversationId: open._id.toHexString(), agentsOnline };
    const { posted } = handedOff;
    let conversation = handedOff.waiting;
    if (agentsOnline && !conversation.assigneeId) {
      conversation = await this.flag(conversation, { routedAt: dateOf(this.deps.clock), offeredTo: [] });
      await this.startRouting(conversation, visitor.stage === 'purchase');
    } else {
      void this.deps.events.publish('conversation.updated', { conversation });
    }
    await this.deps.events.publish('visitor.handedOff', { conversation, message: posted.message, siteId, visitorId });
    return { conversationId: conversation._id.toHexString(), agentsOnline };
  }

  /**
   * A buyer's question goes to a person at once (the answer bot's "person first"): the conversation
   * is ranked as an escalation would rank it and routed while agents are online. Nothing when an agent
   * has it already or is being offered it.
   */
  async routeNow(conversation: Conversation, visitor: Visitor): Promise<void> {
    if (conversation.assigneeId || conversation.routedAt) return;
    if (!(await this.deps.availability.anyOnline(visitor.siteId.toHexString()))) return;
    const routed = await this.flag(conversation, {
      priority: escalationPriority(visitor.stage, visitor.cart.value ?? 0),
      routedAt: dateOf(this.deps.clock),
      offeredTo: [],
    });
    await this.startRouting(routed, visitor.stage === 'purchase');
  }

  /** The proactive prompt as the visitor saw it: the site's text or the widget's own, its reason and its article. */
  private async promptSeen(
    siteId: string,
    visitor: Visitor,
    escalation: NonNullable<Conversation['escalation']>,
  ): Promise<HandOffContext['prompt']> {
    const { site } = await this.deps.sites.get(siteId);
    const locale = matchLocale(visitor.locale) ?? matchLocale(site.locale) ?? LOCALES[0];
    const concern = escalation.concern as Concern;
    const [text, article] = await Promise.all([
      this.promptText(siteId, visitor.locale ?? null).then(async (own) => own ?? translate(await loadCatalog(locale), `prompt.${concern}`)),
      this.deps.articles.answerFor(siteId, visitor.locale ?? null, concern),
    ]);
    return { text, reason: escalation.reason || null, article: article?.title ?? null };
  }

  /** An agent takes an offered conversation; the first one wins, atomically across processes. */
  async accept(user: StoredUser, conversationId: string): Promise<ConversationSummary> {
    const conversation = await this.deps.store.requireConversation(conversationId, user.siteId);
    const userId = user._id.toHexString();
    if (conversation.assigneeId && !conversation.assigneeId.equals(user._id)) {
      throw new AppError('conflict', 'Another agent already took this conversation.');
    }
    const routedAt = conversation.routedAt?.getTime() ?? 0;
    const key = `accepted:${conversationId}:${routedAt}`;
    const claimed = await this.deps.redis.set(key, userId, 'EX', 86_400, 'NX');
    if (claimed !== 'OK' && (await this.deps.redis.get(key)) !== userId) {
      throw new AppError('conflict', 'Another agent already took this conversation.');
    }
    const assigned = await this.flag(conversation, { assigneeId: user._id });
    await this.deps.routing.cancelFrom({ conversationId, routedAt }, 0);
    return toSummary(assigned);
  }

  private async startRouting(conversation: Conversation, urgent: boolean): Promise<void> {
    const routedAt = conversation.routedAt?.getTime();
    if (routedAt === undefined) return;
    await this.deps.routing.schedule({ conversationId: conversation._id.toHexString(), routedAt, attempt: 0 }, { urgent });
  }

  /** One routing step: offer to the least-loaded available agent not offered yet, or to everyone. */
  private async routeStep(job: RoutingJob): Promise<void> {
    const { availability, sites, routing, store, events } = this.deps;
    const conversation = await store.loadConversation(job.conversationId);
    if (conversation?.status !== 'open' || conversation.assigneeId || conversation.routedAt?.getTime() !== job.routedAt) {
      return;
    }
    const siteId = conversation.siteId.toHexString();
    if (job.attempt < OFFER_TO_ALL_ATTEMPT) {
      const [next] = await availability.available(
        siteId,
        conversation.offeredTo.map((id) => id.toHexString()),
      );
      if (next) {
        const { settings } = await sites.get(siteId);
        const slaMs = settings.escalationSlaSeconds * 1000;
        await store.updateConversation(conversation._id, (current) => ({ offeredTo: [...current.offeredTo, next.user._id] }));
        const expiresAt = new Date(this.deps.clock.now() + slaMs);
        void events.publish('escalation.offered', { conversation, to: { userId: next.user._id.toHexString(), expiresAt } });
        await routing.schedule({ ...job, attempt: job.attempt + 1 }, { delayMs: slaMs, urgent: conversation.priority >= PURCHASE_FLOOR });
        return;
      }
    }
    void events.publish('escalation.offered', { conversation, to: { siteId } });
  }

  async close(): Promise<void> {
    await Promise.all([this.deps.timers.close(), this.deps.routing.close()]);
  }

  /** Applies an update to a conversation; every inbox of its site shows it (`conversation.updated`). */
  private async flag(conversation: Conversation, patch: ConversationPatch): Promise<Conversation> {
    const updated = await this.deps.store.updateConversation(conversation._id, patch);
    if (!updated) throw new AppError('not_found', 'This conversation no longer exists.');
    void this.deps.events.publish('conversation.updated', { conversation: updated });
    return updated;
  }
}

/** Every purchase-stage priority is at least this (see `escalationPriority`). */
const PURCHASE_FLOOR = escalationPriority('purchase', 0);
