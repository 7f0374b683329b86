/** What a reply mail needs to know of a stored message. */
interface Positioned {
  seq: number;
  author: string;
}

/**
 * The agent replies of a conversation that the next mail carries: those after the last one mailed and
 * after what the visitor has read in the widget, oldest first. Pure.
 */
export function repliesToMail<M extends Positioned>(messages: readonly M[], mailedSeq: number, visitorReadSeq: number): M[] {
  const after = Math.max(mailedSeq, visitorReadSeq);
  return messages.filter((m) => m.author === 'agent' && m.seq > after).sort((a, b) => a.seq - b.seq);
}

/** A reply-mail job is superseded when a later reply or a later departure of the visitor has scheduled one due after it. Pure. */
export function isSuperseded(jobDueAt: number, latestDueAt: number | null): boolean {
  return latestDueAt !== null && latestDueAt > jobDueAt;
}
