import { Types } from 'mongoose';
import type { KbLocaleCode } from '../../../shared/kb/locales';
import { articles, kbDemoSeeds, revisions } from '../../data';
import { contentOf, publishedFrom } from '../article-store';
import type { KnowledgeBase } from '../knowledge-base';
import { ARTICLES_CS } from './articles-cs';
import { ARTICLES_EN } from './articles-en';
import { ARTICLES_FA } from './articles-fa';
import { ARTICLES_RU } from './articles-ru';
import type { DemoArticle } from './demo-article';

const DEMO_ARTICLES: Record<KbLocaleCode, DemoArticle[]> = {
  en: ARTICLES_EN,
  cs: ARTICLES_CS,
  ru: ARTICLES_RU,
  fa: ARTICLES_FA,
  ro: [],
  pl: [],
};
const AUTHOR = { authorId: null, authorName: 'Demo content' };

/**
 * Gives a new demo site its help centre: a dozen published shop articles in English, Czech and
 * Russian (and a few in Persian), each with its history (created, published). Runs once per site.
 */
export async function seedDemoArticles(kb: KnowledgeBase, siteId: Types.ObjectId): Promise<boolean> {
  // Whichever process starts first seeds; a site with articles of its own keeps them alone.
  if (!(await kbDemoSeeds.claim(siteId)) || (await articles.countOfSite(siteId)) > 0) return false;
  const now = new Date();
  const newArticles = [];
  const newRevisions = [];
  for (const [locale, list] of Object.entries(DEMO_ARTICLES) as Array<[KbLocaleCode, DemoArticle[]]>) {
    for (const demo of list) {
      const _id = new Types.ObjectId();
      const content = contentOf(demo);
      newArticles.push({
        _id,
        siteId,
        key: demo.key,
        locale,
        ...content,
        revision: 2,
        updatedById: null,
        updatedByName: AUTHOR.authorName,
        published: publishedFrom(content, 2, now),
      });
      const entry = { siteId, articleId: _id, ...content, ...AUTHOR };
      newRevisions.push(
        { ...entry, number: 1, action: 'created' as const, changed: ['title', 'body', 'category', 'tags'] as Array<keyof typeof content> },
        { ...entry, number: 2, action: 'published' as const, changed: [] },
      );
    }
  }
  await articles.createMany(newArticles);
  await revisions.addMany(newRevisions);
  await kb.reloadSite(siteId);
  return true;
}
