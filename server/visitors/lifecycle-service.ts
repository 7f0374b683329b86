import { Types } from 'mongoose';
import type { TrackedEvent, VisitorContext } from '../../shared/contract';
import {
  deriveStage,
  detectExitIntent,
  detectOnPageView,
  detectPriceQuestion,
  scoreIntent,
  type Hesitation,
  type LifecycleSettings,
} from '../../shared/lifecycle';
import { rooms, type ChatNamespaces } from '../conversations/namespaces';
import type { LifecycleAnalytics } from '../analytics/lifecycle-analytics';
import type { Logger } from '../infra/logger';
import type { SiteDirectory } from '../sites/site-directory';
import { applyTrackedEvent, browsingState, intentSignals, sessionPaths, stageFacts } from './browsing';
import type { PageMetrics } from './page-metrics';
import { toVisitorContext } from './visitor-context';
import { VisitorModel, type Visitor } from './visitor.model';

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
 * Updates are read-modify-write: the embedded database has no atomic conditional update, so events of
 * one visitor are applied one at a time in this process (a visitor's tabs share one server process
 * only with sticky sessions — see the README's scale-out notes).
 */
export class LifecycleService {
  private readonly queues = new Map<string, Promise<unknown>>();
  private hesitations: HesitationHandler | null = null;

  constructor(private readonly deps: Deps) {}

  /** Wired after construction: the escalation domain needs this service too. */
  setHesitationHandler(handler: HesitationHandler): void {
    this.hesitations = handler;
  }

  /** Runs `work` after every earlier update of the same visitor in this process. */
  private serialize<T>(visitorId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(visitorId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(visitorId, settled);
    void settled.then(() => {
      if (this.queues.get(visitorId) === settled) this.queues.delete(visitorId);
    });
    return next;
  }

  async load(visitorId: string | Types.ObjectId): Promise<Visitor | null> {
    return VisitorModel.findById(visitorId).lean<Visitor>();
  }

  /** Applies a tracked event; answers the visitor's current page type. */
  track(siteId: string, visitorId: string, event: TrackedEvent): Promise<string | null> {
    return this.serialize(visitorId, async () => {
      const current = await this.load(visitorId);
      if (!current) return null;
      const { settings } = await this.deps.sites.get(siteId);
      const now = new Date();
      const applied = applyTrackedEvent(current, event, settings, now);
      const { metrics } = this.deps;
      if (applied.endedSession) await metrics.recordSessionEnd(siteId, applied.endedSession);
      if (applied.pageView) await metrics.recordView(siteId, applied.pageView);
      const visitor = await this.save(current, applied.visitor, now);

      await this.hesitations?.onBrowsingChanged(visitor, settings);
      const state = browsingState(visitor);
      const hesitation =
        event.type === 'page_view' ? detectOnPageView(state, settings, now.getTime())
        : event.type === 'exit_intent' ? detectExitIntent(state)
        : null;
      if (hesitation) await this.hesitations?.onHesitation(visitor, hesitation, settings);
      return visitor.session.currentPageType ?? null;
    });
  }

  /** A visitor's chat message: one sent from a product page is a product question; a price question is a hesitation. */
  async onVisitorMessage(siteId: string, visitorId: string, text: string, onProductPage: boolean): Promise<void> {
    const hesitation = detectPriceQuestion(text);
    if (!hesitation && !onProductPage) return; // nothing to record: spare the database
    return this.serialize(visitorId, async () => {
      const current = await this.load(visitorId);
      if (!current) return;
      const { settings } = await this.deps.sites.get(siteId);
      const visitor = await this.save(
        current,
        { ...current, productQuestions: current.productQuestions + (onProductPage ? 1 : 0) },
        new Date(),
      );
      if (hesitation) await this.hesitations?.onHesitation(visitor, hesitation, settings);
    });
  }

  /** Applies a change computed from the stored visitor (e.g. a shop event) and re-derives stage and intent. */
  update(visitorId: string, change: (visitor: Visitor) => Visitor): Promise<Visitor | null> {
    return this.serialize(visitorId, async () => {
      const current = await this.load(visitorId);
      if (!current) return null;
      const { settings } = await this.deps.sites.get(current.siteId);
      const visitor = await this.save(current, change(current), new Date());
      await this.hesitations?.onBrowsingChanged(visitor, settings);
      return visitor;
    });
  }

  /** Re-derives stage and intent for `next`, stores what changed, and pushes the news. */
  private async save(previous: Visitor, next: Visitor, now: Date): Promise<Visitor> {
    const siteId = next.siteId.toHexString();
    const rates = await this.deps.metrics.meanRates(siteId, sessionPaths(next));
    const { stage, rule } = deriveStage(stageFacts(next));
    const intent = scoreIntent(intentSignals(next, rates, now));
    const stageChanged = stage !== previous.stage;
    const visitor: Visitor = {
      ...next,
      stage,
      stageHistory: stageChanged ? [...next.stageHistory, { stage, rule, at: now }] : next.stageHistory,
      intent: { score: intent.score, reasons: intent.reasons.map((r) => ({ ...r, signal: String(r.signal) })) },
    };
    const { _id, createdAt: _created, updatedAt: _updated, ...fields } = visitor;
    await VisitorModel.updateOne({ _id }, { $set: fields });
    await this.deps.analytics?.visitorSaved(previous, visitor, now);

    const visitorId = _id.toHexString();
    if (stageChanged) this.deps.ns.visitors.to(rooms.visitor(visitorId)).emit('lifecycle:stage', { stage });
    this.deps.ns.agents.to(rooms.visitorWatchers(visitorId)).emit('visitor:context', toVisitorContext(visitor));
    return visitor;
  }

  async context(visitorId: string, siteId: Types.ObjectId): Promise<VisitorContext | null> {
    const visitor = await VisitorModel.findById(visitorId).lean<Visitor>();
    return visitor?.siteId.equals(siteId) ? toVisitorContext(visitor) : null;
  }
}
