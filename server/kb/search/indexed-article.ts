import type { PublishedContent } from '../../data';
import type { IndexedArticle } from './article-index';

/** What the search index takes of a published article: the plain text and excerpt computed on publish. */
export function indexedArticleOf(
  id: string,
  published: Pick<PublishedContent, 'title' | 'text' | 'category' | 'tags' | 'excerpt'>,
): IndexedArticle {
  return {
    id,
    title: published.title,
    body: published.text,
    category: published.category,
    tags: published.tags,
    excerpt: published.excerpt,
  };
}
