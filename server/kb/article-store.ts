import { Types } from 'mongoose';
import type { KbArticleCreateBody, KbLocale, KbArticleStatus, KbRevisionAction } from '../../shared/contract/kb';
import { articles, revisions, type ArticleContent, type PublishedContent, type StoredArticle, type StoredRevision } from '../data';
import { AppError } from '../errors/app-error';
import { excerptOf, plainText, renderMarkdown } from './markdown';

/** Who makes a change: a signed-in user, or the system (demo content) with a null id. */
export interface Actor {
  id: Types.ObjectId | null;
  name: string;
}

const CONTENT_FIELDS = ['title', 'body', 'category', 'tags'] as const;
const MAX_ATTEMPTS = 5;

export function changedFields(before: ArticleContent, after: ArticleContent): Array<keyof ArticleContent> {
  return CONTENT_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

export function contentOf(source: ArticleContent): ArticleContent {
  return { title: source.title, body: source.body, category: source.category, tags: [...source.tags] };
}

/** The published form of some content: rendered and sanitized HTML, plain text and canonical excerpt. */
export function publishedFrom(content: ArticleContent, revision: number, at: Date): PublishedContent {
  const text = plainText(content.body);
  const prose = plainText(content.body, { tables: false }) || text;
  return { ...contentOf(content), html: renderMarkdown(content.body), text, excerpt: excerptOf(prose), revision, publishedAt: at };
}

export async function findArticle(siteId: Types.ObjectId, id: string): Promise<StoredArticle> {
  const found = await articles.byId(id);
  const article = found?.siteId.equals(siteId) ? found : null;
  if (!article) throw new AppError('not_found', 'There is no such article on this site.');
  return article;
}

export async function listArticles(
  siteId: Types.ObjectId,
  filter: { locale?: KbLocale | undefined; status?: KbArticleStatus | undefined },
): Promise<StoredArticle[]> {
  const found = await articles.ofSite(siteId, filter.locale, 1000);
  return filter.status ? found.filter((article) => (article.published ? 'published' : 'draft') === filter.status) : found;
}

export async function listRevisions(siteId: Types.ObjectId, articleId: string): Promise<StoredRevision[]> {
  const article = await findArticle(siteId, articleId);
  return revisions.ofArticle(article._id, 500);
}

export async function createArticle(siteId: Types.ObjectId, input: KbArticleCreateBody, actor: Actor): Promise<StoredArticle> {
  const key = input.translationOf ? (await findArticle(siteId, input.translationOf)).key : new Types.ObjectId().toHexString();
  const content = contentOf(input);
  const _id = new Types.ObjectId();
  const created = await articles.create({
    _id,
    siteId,
    key,
    locale: input.locale,
    ...content,
    revision: 1,
    updatedById: actor.id,
    updatedByName: actor.name,
    published: null,
  });
  if (!created) throw new AppError('invalid_payload', `That article already has a ${input.locale} translation.`);
  await revisions.add({
    siteId,
    articleId: _id,
    number: 1,
    action: 'created',
    changed: [...CONTENT_FIELDS],
    ...content,
    authorId: actor.id,
    authorName: actor.name,
  });
  return findArticle(siteId, _id.toHexString());
}

/** One change to an article, planned from its current state; null when there is nothing to do. */
interface Change {
  action: KbRevisionAction;
  content: ArticleContent;
  changed: Array<keyof ArticleContent>;
  restoredFrom?: number;
  /** `published` after the change, when the change sets it. */
  published?: PublishedContent | null;
}

/**
 * Applies a change as a new history entry. The entry's number is taken by inserting it against the
 * unique (article, number) index — atomic on MongoDB and on the embedded FerretDB alike — so two
 * concurrent saves never share a number; the loser re-plans on the fresh state and takes the next.
 */
async function commit(
  siteId: Types.ObjectId,
  id: string,
  actor: Actor,
  plan: (article: StoredArticle, number: number) => Change | null | Promise<Change | null>,
): Promise<StoredArticle> {
  for (let attempt = 1; ; attempt += 1) {
    const article = await findArticle(siteId, id);
    const number = article.revision + 1;
    const change = await plan(article, number);
    if (!change) return article;
    const numbered = await revisions.add({
      siteId,
      articleId: article._id,
      number,
      action: change.action,
      changed: change.changed,
      restoredFrom: change.restoredFrom ?? null,
      ...change.content,
      authorId: actor.id,
      authorName: actor.name,
    });
    if (!numbered) {
      if (attempt < MAX_ATTEMPTS) continue;
      throw new AppError('unavailable', 'The article is being saved by someone else right now; try again.');
    }
    const set = {
      ...change.content,
      revision: number,
      updatedById: actor.id,
      updatedByName: actor.name,
      ...(change.published !== undefined ? { published: change.published } : {}),
    };
    await articles.writeWorkingCopy(article._id, set);
    return { ...article, ...set, updatedAt: new Date() };
  }
}

export function updateArticle(siteId: Types.ObjectId, id: string, input: ArticleContent, actor: Actor): Promise<StoredArticle> {
  return commit(siteId, id, actor, (article) => {
    const changed = changedFields(article, input);
    return changed.length === 0 ? null : { action: 'edited', content: contentOf(input), changed };
  });
}

/** Brings an earlier entry's content back into the working copy (publishing it is a separate step). */
export function restoreRevision(siteId: Types.ObjectId, id: string, revisionNumber: number, actor: Actor): Promise<StoredArticle> {
  return commit(siteId, id, actor, async (article) => {
    const revision = await revisions.find(article._id, revisionNumber);
    if (!revision) throw new AppError('not_found', `This article has no revision ${revisionNumber}.`);
    const content = contentOf(revision);
    return { action: 'restored', content, changed: changedFields(article, content), restoredFrom: revisionNumber };
  });
}

export function publishArticle(siteId: Types.ObjectId, id: string, actor: Actor): Promise<StoredArticle> {
  return commit(siteId, id, actor, (article, number) => {
    const content = contentOf(article);
    if (article.published && changedFields(article.published, content).length === 0) return null;
    return { action: 'published', content, changed: [], published: publishedFrom(content, number, new Date()) };
  });
}

export function unpublishArticle(siteId: Types.ObjectId, id: string, actor: Actor): Promise<StoredArticle> {
  return commit(siteId, id, actor, (article) =>
    article.published ? { action: 'unpublished', content: contentOf(article), changed: [], published: null } : null,
  );
}
