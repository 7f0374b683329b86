import type { KbLocaleCode } from '../../../shared/kb/locales';
import { ArticleIndex, type IndexChange } from './article-index';

/** Reads the published articles of one site and locale, as index changes. */
export type LoadArticles = (siteId: string, locale: KbLocaleCode) => Promise<IndexChange[]>;

/**
 * This process's search indexes, one per site and locale, each built from the database on first use
 * and kept current by `apply` (called for this process's own changes and for those other processes
 * announce). A change for an index still being built waits for the build, then applies; the
 * versions in the changes make the order in which build and change land irrelevant.
 */
export class SiteIndexes {
  private readonly indexes = new Map<string, Promise<ArticleIndex>>();

  constructor(private readonly load: LoadArticles) {}

  get(siteId: string, locale: KbLocaleCode): Promise<ArticleIndex> {
    const key = `${siteId}:${locale}`;
    let index = this.indexes.get(key);
    if (!index) {
      index = this.build(siteId, locale);
      this.indexes.set(key, index);
      // A failed build (database away) is retried by the next search, not cached.
      index.catch(() => this.indexes.delete(key));
    }
    return index;
  }

  /** Applies a change to the index of its site and locale, when this process holds one. */
  async apply(siteId: string, locale: KbLocaleCode, change: IndexChange): Promise<void> {
    const index = this.indexes.get(`${siteId}:${locale}`);
    if (index) (await index).apply(change);
  }

  /** Drops a site's indexes (after a bulk import): the next search rebuilds them from the database. */
  forgetSite(siteId: string): void {
    for (const key of this.indexes.keys()) if (key.startsWith(`${siteId}:`)) this.indexes.delete(key);
  }

  private async build(siteId: string, locale: KbLocaleCode): Promise<ArticleIndex> {
    const index = new ArticleIndex(locale);
    for (const change of await this.load(siteId, locale)) index.apply(change);
    return index;
  }
}
