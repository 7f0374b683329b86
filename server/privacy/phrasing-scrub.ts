import type { Types } from 'mongoose';
import type { KbLocaleCode } from '../../shared/kb/locales';
import { visitorData } from '../data/visitor-data';
import type { KnowledgeBase } from '../kb/knowledge-base';
import { type LearnedPhrasing, phrasingKey, storableQuestion } from '../kb/learning/phrasings';

/**
 * Removes the learned phrasings taken from an erased visitor's questions. A phrasing keeps no link to
 * the conversation it came from, so it is matched by its key: the one the visitor's message would have
 * been stored under (the same wording asked by someone else goes too). Removed through the knowledge
 * base, so every process's search index drops it.
 */
export async function scrubPhrasings(kb: Pick<KnowledgeBase, 'removePhrasing'>, siteId: Types.ObjectId, texts: string[]): Promise<void> {
  if (texts.length === 0) return;
  const keys = new Map<string, Set<string>>();
  const keysIn = (locale: KbLocaleCode) => {
    let found = keys.get(locale);
    if (!found) {
      found = new Set(texts.flatMap((text) => storableQuestion(text, locale) ?? []).map(phrasingKey));
      keys.set(locale, found);
    }
    return found;
  };
  for (const { articleId, phrasings } of await visitorData.phrasingsOfSite(siteId)) {
    for (const phrasing of phrasings as LearnedPhrasing[]) {
      if (keysIn(phrasing.locale).has(phrasing.key)) await kb.removePhrasing(siteId, articleId, phrasing.key);
    }
  }
}
