// The canonical link of a published article. Agents insert it into replies; the widget recognises it
// in a message and opens the article inside the chat, other readers get the server's article page.

export const KB_ARTICLE_PATH = '/help/articles/';

export function articleUrl(baseUrl: string, articleId: string): string {
  return `${baseUrl.replace(/\/$/, '')}${KB_ARTICLE_PATH}${articleId}`;
}

const ARTICLE_LINK = /\/help\/articles\/([0-9a-f]{24})(?![0-9a-f])/g;

/** The ids of every article link in a text, in order of appearance, without repeats. */
export function articleIdsIn(text: string): string[] {
  return [...new Set([...text.matchAll(ARTICLE_LINK)].map((m) => m[1]!))];
}

/** The text an agent's "Insert" puts into the reply: title, canonical excerpt, link. */
export function insertText(article: { title: string; excerpt: string; url: string }): string {
  return `${article.title}\n${article.excerpt}\n${article.url}`;
}
