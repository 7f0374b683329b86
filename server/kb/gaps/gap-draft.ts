import type { KbArticleCreateBody } from '../../../shared/contract/kb';
import type { GapGroup } from './group-gaps';

/** Enough questions for an editor to see what visitors want to know; the rest say the same. */
const LISTED_QUESTIONS = 20;
/** The contract's longest title. */
const MAX_TITLE = 200;

/**
 * The draft article "Create article from these" starts: titled with the group's shared terms, its
 * body the questions visitors asked (scrubbed), for the editor to answer and rewrite. A draft:
 * visitors see nothing until an editor publishes it.
 */
export function gapDraft(group: GapGroup, questions: readonly string[], category: string): KbArticleCreateBody {
  const label = group.label.trim().slice(0, MAX_TITLE);
  const listed = [...new Set(questions.map((q) => q.replace(/\s+/g, ' ').trim()))].slice(0, LISTED_QUESTIONS);
  return {
    title: label.charAt(0).toLocaleUpperCase(group.locale) + label.slice(1),
    body: listed.map((q) => `- ${q}`).join('\n'),
    category,
    tags: [],
    locale: group.locale,
  };
}
