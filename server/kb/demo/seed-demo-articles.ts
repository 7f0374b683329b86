import { Schema, Types, model } from 'mongoose';
import type { KbLocaleCode } from '../../../shared/kb/locales';
import { ArticleModel } from '../article.model';
import { contentOf, publishedFrom } from '../article-store';
import type { KnowledgeBase } from '../knowledge-base';
import { RevisionModel } from '../revision.model';
import { ARTICLES_CS } from './articles-cs';
import { ARTICLES_EN } from './articles-en';
import { ARTICLES_FA } from './articles-fa';
import { ARTICLES_RU } from './articles-ru';
import type { DemoArticle } from './demo-article';

const DEMO_ARTICLES: Record<KbLocaleCode, DemoArticle[]> = { en: ARTICLES_EN, cs: ARTICLES_CS, ru: ARTICLES_RU, fa: ARTICLES_FA, ro: [], pl: [] };
const AUTHOR = { authorId: null, authorName: 'Demo content' };

/** One document per site that has had its demo articles: the unique id makes seeding happen once, whichever process starts first. */
const SeedMarkModel = model('KbDemoSeed', new Schema({ _id: { type: Schema.Types.ObjectId, required: true } }, { timestamps: true }));

/**
 * Gives a new demo site its help centre: a dozen published shop articles in English, Czech and
 * Russian (and a few in Persian), each with its history (created, published). Runs once per site.
 */
export async function seedDemoArticles(kb: KnowledgeBase, siteId: Types.ObjectId): Promise<boolean> {
  try {
    await SeedMarkModel.create({ _id: siteId });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return false;
    throw err;
  }
  if ((await ArticleModel.countDocuments({ siteId })) > 0) return false;
  const now = new Date();
  const articles = [];
  const revisions = [];
  for (const [locale, list] of Object.entries(DEMO_ARTICLES)) {
    for (const demo of list) {
      const _id = new Types.ObjectId();
      const content = contentOf(demo);
      articles.push({
        _id, siteId, key: demo.key, locale, ...content, revision: 2, updatedById: null, updatedByName: AUTHOR.authorName,
        published: publishedFrom(content, 2, now),
      });
      const entry = { siteId, articleId: _id, ...content, ...AUTHOR };
      revisions.push({ ...entry, number: 1, action: 'created', changed: ['title', 'body', 'category', 'tags'] }, { ...entry, number: 2, action: 'published', changed: [] });
    }
  }
  await ArticleModel.insertMany(articles);
  await RevisionModel.insertMany(revisions);
  await kb.reloadSite(siteId);
  return true;
}
