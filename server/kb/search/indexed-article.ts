import { excerptOf, plainText } from '../markdown';
import type { IndexedArticle } from './article-index';

/** An article's content as the search index takes it; the server's publish path and the eval both use this. */
export function toIndexedArticle(id: string, content: { title: string; body: string; category: string; tags: string[] }): IndexedArticle {
  const body = plainText(content.body);
  return { id, title: content.title, body, category: content.category, tags: content.tags, excerpt: excerptOf(body) };
}
