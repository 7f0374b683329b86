import type { Types } from 'mongoose';
import type { TrackedEvent, VisitorContext } from '../../shared/contract';
import {
  deriveStage,
  detectExitIntent,
  detectOnPageView,
  detectPriceQuestion,
  scoreIntent,
  Stage,
  type Hesitation,
  type LifecycleSettings,
} from '../../shared/lifecycle';
import { rooms, type ChatNamespaces } from '../conversations/namespaces';
import type { LifecycleAnalytics } from '../analytics/lifecycle-analytics';
import { visitors, type Visitor, type VisitorUpdate } from '../data';
import type { Logger } from '../infra/logger';
import type { SiteDirectory } from '../sites/site-directory';
import { applyTrackedEvent, browsingState, intentSignals, sessionPaths, stageFacts } from './browsing';
import type { PageMetrics } from './page-metrics';
import { toVisitorContext } from './visitor-context';

/** What the escalation domain does with lifecycle news; kept as an interface so the two don't import each other. */
export interface HesitationHandler {
  /** A hesitation rule fired for this visitor (timers, page views, exit intent, a price question). */
  onHesitation(visitor: Visitor, hesitation: Hesitation, settings: LifecycleSettings): Promise<void>;
  /** The visitor's browsing changed: (re)schedule or cancel the business timers. */
  onBrowsingChanged(visitor: Visitor, settings: LifecycleSettings): Promise<void>;
}

interface Deps {
  ns: ChatNamespaces;
  sites: SiteDirectory;
  metrics: PageMetrics;
  /** Stages reached for the first time (the funnel) and orders (purchases after a hesitation). */
  analytics?: Pick<LifecycleAnalytics, 'visitorSaved'>;
  log: Logger;
}

/**
 * Keeps each visitor's lifecycle record: applies tracked events and shop events, re-derives the stage
 * (recording the timeline) and the intent score, and tells agents and the widget what changed.
 *
 * Every change goes through the data layer's one write path per visitor (`visitors.update`: a lock
 * across processes, a fresh read, only the changed fields written), and the stage and intent are
 * derived inside it, so the timeline always follows the state it was derived from.
 */
export class LifecycleService {
  private hesitations: HesitationHandler | null = null;

  constructor(private readonly deps: Deps) {}

  /** Wired after construction: the escalation domain needs this service too. */
  setHesitationHandler(handler: HesitationHandler): void {
    this.hesitations = handler;
  }

  async load(visitorId: string | Types.ObjectId): Promise<Visitor | null> {
    return visitors.byId(visitorId);
  }

  /** Applies a tracked event; answers the visitor's current page type. */
  async track(siteId: string, visitorId: string, event: TrackedEvent): Promise<string | null> {
    const { settings } = await this.deps.sites.get(siteId);
    const now = new Date();
    const { metrics } = this.deps;
    const saved = await this.save(visitorId, now, async (current) => {
      const applied = applyTrackedEvent(current, event, settings, now);
      // Counted before the intent is derived, so the session's page rates include this view.
      if (applied.endedSession) await metrics.recordSessionEnd(siteId, applied.endedSession);
      if (applied.pageView) await metrics.recordView(siteId, applied.pageView);
      return applied.visitor;
    });
    if (!saved) return null;
    const visitor = saved.after;
    await this.hesitations?.onBrowsingChanged(visitor, settings);
    const state = browsingState(visitor);
    const hesitation =
      event.type === 'page_view'
        ? detectOnPageView(state, settings, now.getTime())
        : event.type === 'exit_intent'
          ? detectExitIntent(state)
          : null;
    if (hesitation) await this.hesitations?.onHesitation(visitor, hesitation, settings);
    return visitor.session.currentPageType ?? null;
  }

  /** A visitor's chat message: one sent from a product page is a product question; a price question is a hesitation. */
  async onVisitorMessage(siteId: string, visitorId: string, text: string, onProductPage: boolean): Promise<void> {
    const hesitation = detectPriceQuestion(text);
    if (!hesitation && !onProductPage) return; // nothing to record: spare the database
    const { settings } = await this.deps.sites.get(siteId);
    const saved = await this.save(visitorId, new Date(), (current) => ({
      ...current,
      productQuestions: current.productQuestions + (onProductPage ? 1 : 0),
    }));
    if (saved && hesitation) await this.hesitations?.onHesitation(saved.after, hesitation, settings);
  }

  /** Applies a change computed from the stored visitor (e.g. a shop event) and re-derives stage and intent. */
  async update(visitorId: string, change: (visitor: Visitor) => Visitor): Promise<Visitor | null> {
    const saved = await this.save(visitorId, new Date(), change);
    if (!saved) return null;
    const { settings } = await this.deps.sites.get(saved.after.siteId);
    await this.hesitations?.onBrowsingChanged(saved.after, settings);
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
    await this.deps.analytics?.visitorSaved(before, after, now);
    const id = after._id.toHexString();
    if (after.stage !== before.stage)
      this.deps.ns.visitors.to(rooms.visitor(id)).emit('lifecycle:stage', { stage: Stage.parse(after.stage) });
    this.deps.ns.agents.to(rooms.visitorWatchers(id)).emit('visitor:context', toVisitorContext(after));
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
