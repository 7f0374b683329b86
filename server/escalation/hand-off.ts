/** What the visitor had in front of them when they asked for a person ("Talk to a person"). */
export interface HandOffContext {
  /** The proactive prompt the conversation was escalated with, as the visitor saw it; null without one. */
  prompt: { text: string; reason: string | null; article: string | null } | null;
  /** The help article the visitor had open when they asked; null when none. */
  readArticle: string | null;
}

/** The system line that opens a hand-off in the transcript: the agent reads what the visitor saw. */
export function handOffLine({ prompt, readArticle }: HandOffContext): string {
  const parts = ['The visitor asked to talk to a person.'];
  if (prompt) {
    const why = prompt.reason ? ` (why: ${prompt.reason})` : '';
    const article = prompt.article ? `, with the article “${prompt.article}”` : '';
    parts.push(`They were shown the prompt “${prompt.text}”${why}${article}.`);
  }
  if (readArticle) parts.push(`Read before asking: “${readArticle}”.`);
  return parts.join(' ');
}
