import type { Redis } from 'ioredis';
import type { EndedSession, PageRates } from './browsing';

const RETENTION_SECONDS = 90 * 24 * 3600;
const MAX_PATH = 300;

/**
 * Google-Analytics-style page metrics per site and path, kept in Redis hashes (HINCRBY is atomic,
 * so every process may count): bounce rate = bounces / entrances, exit rate = exits / views, page
 * value = revenue of orders that followed a visit / unique views. The intent score reads their mean
 * over the session's pages, as the UCI data's BounceRates, ExitRates and PageValues columns do.
 */
export class PageMetrics {
  constructor(private readonly redis: Redis) {}

  private key(siteId: string, path: string): string {
    return `page-metrics:${siteId}:${path.slice(0, MAX_PATH)}`;
  }

  async recordView(siteId: string, view: { path: string; entrance: boolean; unique: boolean }): Promise<void> {
    const key = this.key(siteId, view.path);
    const tx = this.redis.multi().hincrby(key, 'views', 1);
    if (view.entrance) tx.hincrby(key, 'entrances', 1);
    if (view.unique) tx.hincrby(key, 'unique', 1);
    await tx.expire(key, RETENTION_SECONDS).exec();
  }

  async recordSessionEnd(siteId: string, ended: EndedSession): Promise<void> {
    const key = this.key(siteId, ended.lastPath);
    const tx = this.redis.multi().hincrby(key, 'exits', 1);
    if (ended.pageCount === 1) tx.hincrby(key, 'bounces', 1);
    await tx.exec();
  }

  /** Attributes an order's revenue to every page the buyer saw in the session. */
  async recordRevenue(siteId: string, paths: string[], amount: number): Promise<void> {
    if (paths.length === 0) return;
    const tx = this.redis.multi();
    for (const path of paths) tx.hincrbyfloat(this.key(siteId, path), 'revenue', amount);
    await tx.exec();
  }

  /** Mean rates over the given paths (each distinct path once). */
  async meanRates(siteId: string, paths: string[]): Promise<PageRates> {
    if (paths.length === 0) return { bounceRate: 0, exitRate: 0, pageValue: 0 };
    const tx = this.redis.multi();
    for (const path of paths) tx.hmget(this.key(siteId, path), 'views', 'entrances', 'unique', 'bounces', 'exits', 'revenue');
    const rows = (await tx.exec()) ?? [];
    const sum = { bounceRate: 0, exitRate: 0, pageValue: 0 };
    for (const [, values] of rows) {
      const [views, entrances, unique, bounces, exits, revenue] = (values as (string | null)[]).map(Number);
      sum.bounceRate += ratio(bounces, entrances);
      sum.exitRate += ratio(exits, views);
      sum.pageValue += ratio(revenue, unique);
    }
    return {
      bounceRate: sum.bounceRate / paths.length,
      exitRate: sum.exitRate / paths.length,
      pageValue: sum.pageValue / paths.length,
    };
  }
}

function ratio(part: number | undefined, whole: number | undefined): number {
  return whole && part ? part / whole : 0;
}
