import type { Types } from 'mongoose';
import type { TrackedEvent, VisitorContext } from '../../shared/contract';
import { deriveStage, detectExitIntent, detectOnPageView, detectPriceQuestion, scoreIntent } from '../../shared/lifecycle';
import { visitors, type Visitor, type VisitorUpdate } from '../data';
import type { DomainEventPublisher, DomainEvents } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { SiteDirectory } from '../sites/site-directory';
import { applyTrackedEvent, browsingState, intentSignals, sessionPaths, stageFacts } from './browsing';
import type { PageMetrics } from './page-metrics';
import { toVisitorContext } from './visitor-context';

/** A rating of this or lower marks the visitor at risk. */
const NEGATIVE_CSAT = 2;

interface Deps {
  sites: SiteDirectory;
  metrics: PageMetrics;
  /** Every save is published (`visitor.updated`, `visitor.stageChanged`); browsing changes and hesitations too, awaited. */
  events: DomainEventPublisher;
  clock: Clock;
}

/**
 * Keeps each visitor's lifecycle record: applies tracked events and shop events, re-derives the stage
 * (recording the timeline) and the intent score, and publishes what changed.
 *
 * Every change goes through the data layer's one write path per visitor (`visitors.update`: a lock
 * across processes, a fresh read, only the changed fields written), and the stage and intent are
 * derived inside it, so the timeline always follows the state it was derived from.
 */
export class LifecycleService {
  constructor(private readonly deps: Deps) {}

  async load(visitorId: string | Types.ObjectId): Promise<Visitor | null> {
    return visitors.byId(visitorId);
  }

  /** Applies a tracked event; answers the visitor's current page type. */
  async track(siteId: string, visitorId: string, event: TrackedEvent): Promise<string | null> {
    const { settings } = await this.deps.sites.get(siteId);
    const now = dateOf(this.deps.clock);
    const { metrics, events } = this.deps;
    const saved = await this.save(visitorId, now, async (current) => {
      const applied = applyTrackedEvent(current, event, settings, now);
      // Counted before the intent is derived, so the session's page rates include this view.
      if (applied.endedSession) await metrics.recordSessionEnd(siteId, applied.endedSession);
      if (applied.pageView) await metrics.recordView(siteId, applied.pageView);
      return applied.visitor;
    });
    if (!saved) return null;
    const visitor = saved.after;
    await events.publish('visitor.browsingChanged', { visitor, settings });
    const state = browsingState(visitor);
    const hesitation =
      event.type === 'page_view'
        ? detectOnPageView(state, settings, now.getTime())
        : event.type === 'exit_intent'
          ? detectExitIntent(state)
          : null;
    if (hesitation) await events.publish('visitor.hesitated', { visitor, hesitation, settings });
    return visitor.session.currentPageType ?? null;
  }

  /** A visitor's chat message: one sent from a product page is a product question; a price question is a hesitation. */
  async onVisitorMessage({ siteId, visitorId, message, onProductPage }: DomainEvents['visitor.messaged']): Promise<void> {
    const hesitation = detectPriceQuestion(message.text);
    if (!hesitation && !onProductPage) return; // nothing to record: spare the database
    const { settings } = await this.deps.sites.get(siteId);
    const saved = await this.save(visitorId, dateOf(this.deps.clock), (current) => ({
      ...current,
      productQuestions: current.productQuestions + (onProductPage ? 1 : 0),
    }));
    if (saved && hesitation) await this.deps.events.publish('visitor.hesitated', { visitor: saved.after, hesitation, settings });
  }

  /** A help-centre search is an evaluation-stage signal. */
  async onKbSearch({ visitorId }: DomainEvents['kb.searched']): Promise<void> {
    await this.update(visitorId, (v) => ({ ...v, kbSearches: v.kbSearches + 1 }));
  }

  /** A poor rating of a conversation marks the visitor at risk. */
  async onConversationRated({ visitorId, rating }: DomainEvents['conversation.rated']): Promise<void> {
    if (rating <= NEGATIVE_CSAT) await this.update(visitorId, (v) => ({ ...v, atRiskReason: 'negative_csat' }));
  }

  /** Applies a change computed from the stored visitor (e.g. a shop event) and re-derives stage and intent. */
  async update(visitorId: string, change: (visitor: Visitor) => Visitor): Promise<Visitor | null> {
    const saved = await this.save(visitorId, dateOf(this.deps.clock), change);
    if (!saved) return null;
    const { settings } = await this.deps.sites.get(saved.after.siteId);
    await this.deps.events.publish('visitor.browsingChanged', { visitor: saved.after, settings });
    return saved.after;
  }

  /**
   * Applies `change` and re-derives stage and intent from the result, inside the visitor's write
   * path; then pushes the news. Null when there is no such visitor.
   */
  private async save(
    visitorId: string,
    now: Date,
    change: (visitor: Visitor) => Visitor | Promise<Visitor>,
  ): Promise<VisitorUpdate | null> {
    const saved = await visitors.update(visitorId, async (current) => this.derive(current, await change(current), now));
    if (!saved) return null;
    const { before, after } = saved;
    const { events } = this.deps;
    if (after.stage !== before.stage) void events.publish('visitor.stageChanged', { visitor: after, stage: after.stage });
    await events.publish('visitor.updated', { before, after, at: now });
    return saved;
  }

  /** `next` with the stage (and its timeline entry) and the intent score derived from it. */
  private async derive(previous: Visitor, next: Visitor, now: Date): Promise<Visitor> {
    const rates = await this.deps.metrics.meanRates(next.siteId.toHexString(), sessionPaths(next));
    const { stage, rule } = deriveStage(stageFacts(next));
    const intent = scoreIntent(intentSignals(next, rates, now));
    return {
      ...next,
      stage,
      stageHistory: stage !== previous.stage ? [...next.stageHistory, { stage, rule, at: now }] : next.stageHistory,
      intent: { score: intent.score, reasons: intent.reasons.map((r) => ({ ...r, signal: String(r.signal) })) },
    };
  }

  async context(visitorId: string, siteId: Types.ObjectId): Promise<VisitorContext | null> {
    const visitor = await visitors.byId(visitorId);
    return visitor?.siteId.equals(siteId) ? toVisitorContext(visitor) : null;
  }
}
