import type { Types } from 'mongoose';
import type { KbSignalsResponse } from '../../../shared/contract/kb';
import type { KbLocaleCode } from '../../../shared/kb/locales';
import type { AnalyticsRecorder } from '../../analytics/recorder';
import { articles, kbSignals, type SignalType, type StoredSignal } from '../../data';
import type { Logger } from '../../infra/logger';
import { fold, splitWords } from '../search/text';
import type { DeflectionQueue } from './deflection-queue';

interface Subject {
  siteId: Types.ObjectId;
  visitorId: Types.ObjectId;
}

/** Records self-service signals. Recording never fails the visitor's request: errors are logged. */
export class KbSignals {
  constructor(
    private readonly deflections: DeflectionQueue,
    private readonly log: Logger,
    /** The same signals as counts for the analytics page (deflection rate, content gaps). */
    private readonly analytics?: Pick<AnalyticsRecorder, 'record'>,
  ) {}

  async recordSearch(who: Subject, locale: KbLocaleCode, query: string, results: number): Promise<void> {
    const folded = splitWords(query).map(fold).join(' ');
    await this.store('search', who, { locale, query: folded, results });
    await this.analytics?.record({ type: 'kb_search', siteId: who.siteId.toHexString(), at: new Date(), locale, query: folded, results });
  }

  async recordView(who: Subject, articleId: Types.ObjectId, locale: KbLocaleCode): Promise<void> {
    const viewedAt = Date.now();
    await this.store('view', who, { articleId, locale, at: new Date(viewedAt) });
    await this.analytics?.record({ type: 'kb_view', siteId: who.siteId.toHexString(), at: new Date(viewedAt) });
    await this.deflections
      .schedule({ siteId: who.siteId.toHexString(), visitorId: who.visitorId.toHexString(), articleId: articleId.toHexString(), viewedAt })
      .catch((err: unknown) => this.log.error({ err }, 'kb: could not schedule the deflection check'));
  }

  /** "Talk to a person" after reading an article (called by the escalation domain): not a deflection. */
  async recordEscalation(who: Subject, articleId: Types.ObjectId): Promise<void> {
    await this.store('escalation', who, { articleId });
    await this.analytics?.record({ type: 'kb_escalation', siteId: who.siteId.toHexString(), at: new Date() });
  }

  async recordVote(who: Subject, articleId: Types.ObjectId, helpful: boolean): Promise<void> {
    await kbSignals.vote(who, articleId, helpful, new Date());
  }

  async summary(siteId: Types.ObjectId, days: number): Promise<KbSignalsResponse> {
    const since = new Date(Date.now() - days * 86_400_000);
    const [searches, gaps, views, deflections, votes] = await Promise.all([
      kbSignals.countSearches(siteId, since),
      kbSignals.contentGaps(siteId, since, 50),
      kbSignals.perArticle(siteId, 'view', since, 50),
      kbSignals.perArticle(siteId, 'deflection', since, 50),
      kbSignals.votesPerArticle(siteId, since),
    ]);
    const ids = new Set([...views, ...deflections].map((r) => r._id.toHexString()).concat(votes.map((v) => v._id.articleId.toHexString())));
    const found = await Promise.all([...ids].map((id) => articles.byId(id)));
    const titles = new Map(found.filter((a) => a !== null).map((a) => [a._id.toHexString(), a.title]));
    const titled = (rows: Array<{ _id: Types.ObjectId; count: number }>) =>
      rows.map((r) => ({ articleId: r._id.toHexString(), title: titles.get(r._id.toHexString()) ?? '(deleted article)', count: r.count }));
    const voteRows = new Map<string, { articleId: string; title: string; helpful: number; notHelpful: number }>();
    for (const { _id, count } of votes) {
      const id = _id.articleId.toHexString();
      const row = voteRows.get(id) ?? { articleId: id, title: titles.get(id) ?? '(deleted article)', helpful: 0, notHelpful: 0 };
      if (_id.helpful) row.helpful += count;
      else row.notHelpful += count;
      voteRows.set(id, row);
    }
    return {
      since: since.toISOString(),
      searches,
      contentGaps: gaps.map((g) => ({ query: g._id.query, locale: g._id.locale, count: g.count })),
      views: titled(views),
      votes: [...voteRows.values()].sort((a, b) => b.helpful + b.notHelpful - (a.helpful + a.notHelpful)),
      deflections: titled(deflections),
    };
  }

  private async store(
    type: SignalType,
    who: Subject,
    fields: Partial<Pick<StoredSignal, 'locale' | 'query' | 'results' | 'articleId' | 'at'>>,
  ): Promise<void> {
    try {
      await kbSignals.add(type, who, fields);
    } catch (err) {
      this.log.error({ err, type }, 'kb: could not store a signal');
    }
  }
}
