import type { PublishedContent } from '../../data';
import type { IndexedArticle } from './article-index';

/**
 * What the search index takes of a published article: the plain text and excerpt computed on
 * publish, and the learned phrasings of the index's locale (`indexedPhrasings` of server/kb/learning).
 */
export function indexedArticleOf(
  id: string,
  published: Pick<PublishedContent, 'title' | 'text' | 'category' | 'tags' | 'excerpt'>,
  phrasings: readonly string[] = [],
): IndexedArticle {
  return {
    id,
    title: published.title,
    body: published.text,
    category: published.category,
    tags: published.tags,
    excerpt: published.excerpt,
    phrasings,
  };
}
