import type { Redis } from 'ioredis';
import type { HesitationOutcome } from '../../shared/contract/analytics';
import { Stage, type Hesitation } from '../../shared/lifecycle';
import type { Logger } from '../infra/logger';
import { stagesReached, type Visitor } from '../data';
import { newlyReachedStages } from './facts';
import type { AnalyticsRecorder } from './recorder';

const DAY_MS = 86_400_000;
/** Visitors whose awareness this process has already counted (or found counted), to skip the insert. */
const SEEN_LIMIT = 100_000;

interface RecentHesitation {
  id: string;
  at: number;
  kind: Hesitation['kind'];
  outcome: HesitationOutcome;
}

const recentKey = (visitorId: string) => `analytics:hesitations:${visitorId}`;

/**
 * Lifecycle facts from the visitor's own record: stages reached for the first time (the funnel), each
 * hesitation with what came of it, and orders within 24 h of a hesitation.
 */
export class LifecycleAnalytics {
  private readonly seen = new Set<string>();

  constructor(
    private readonly recorder: AnalyticsRecorder,
    private readonly redis: Redis,
    private readonly log: Logger,
  ) {}

  /** Called with every stored change of a visitor (`LifecycleService.save`); never throws. */
  visitorSaved(previous: Visitor, next: Visitor, now: Date): Promise<void> {
    return this.quietly('visitor', () => this.onVisitorSaved(previous, next, now));
  }

  /** Called once per hesitation with what came of it (`Escalations.onHesitation`); never throws. */
  hesitation(visitor: Visitor, hesitation: Hesitation, outcome: HesitationOutcome, at: Date): Promise<void> {
    return this.quietly('hesitation', () => this.onHesitation(visitor, hesitation, outcome, at));
  }

  private async quietly(what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      this.log.warn({ err, what }, 'analytics: could not record a lifecycle fact');
    }
  }

  private async onVisitorSaved(previous: Visitor, next: Visitor, now: Date): Promise<void> {
    const siteId = next.siteId.toHexString();
    const visitorId = next._id.toHexString();
    const before = previous.stageHistory.map((entry) => Stage.catch('awareness').parse(entry.stage));
    const stage = next.stage;
    const candidates = [
      ...(before.length <= 1 && !this.seen.has(visitorId) ? (['awareness'] as const) : []),
      ...(stage !== previous.stage ? newlyReachedStages(before, stage) : []),
    ];
    const stages: Stage[] = [];
    for (const candidate of candidates) if (await this.firstTime(visitorId, candidate)) stages.push(candidate);
    if (stages.length > 0) await this.recorder.record({ type: 'stages_reached', siteId, cohortAt: next.createdAt, stages });

    for (const order of next.orders.slice(previous.orders.length)) await this.orderPlaced(siteId, visitorId, order.at ?? now);
  }

  private async onHesitation(visitor: Visitor, hesitation: Hesitation, outcome: HesitationOutcome, at: Date): Promise<void> {
    const siteId = visitor.siteId.toHexString();
    const visitorId = visitor._id.toHexString();
    await this.recorder.record({ type: 'hesitation', siteId, at, kind: hesitation.kind, outcome });
    const entry: RecentHesitation = {
      id: `${visitorId}:${at.getTime()}:${hesitation.kind}`,
      at: at.getTime(),
      kind: hesitation.kind,
      outcome,
    };
    await this.redis
      .multi()
      .lpush(recentKey(visitorId), JSON.stringify(entry))
      .ltrim(recentKey(visitorId), 0, 49)
      .pexpire(recentKey(visitorId), DAY_MS)
      .exec();
  }

  /** Each hesitation of the last 24 h converts once, whichever process sees the order. */
  private async orderPlaced(siteId: string, visitorId: string, orderAt: Date): Promise<void> {
    const recent = (await this.redis.lrange(recentKey(visitorId), 0, -1)).map((line) => JSON.parse(line) as RecentHesitation);
    for (const h of recent) {
      const after = orderAt.getTime() - h.at;
      if (after < 0 || after > DAY_MS) continue;
      if ((await this.redis.set(`analytics:converted:${h.id}`, '1', 'PX', 2 * DAY_MS, 'NX')) !== 'OK') continue;
      await this.recorder.record({ type: 'hesitation_purchase', siteId, at: new Date(h.at), kind: h.kind, outcome: h.outcome });
    }
  }

  private async firstTime(visitorId: string, stage: Stage): Promise<boolean> {
    if (stage === 'awareness') {
      if (this.seen.size >= SEEN_LIMIT) this.seen.clear();
      this.seen.add(visitorId);
    }
    return stagesReached.firstTime(visitorId, stage);
  }
}
