/** The fields of a job's data that say whose it is: a site, or a conversation (of a site). */
function ownerFields(data: unknown): { siteId?: unknown; conversationId?: unknown } {
  return typeof data === 'object' && data !== null ? data : {};
}

/** The conversation whose site a job belongs to, when the job names no site itself. */
export function conversationToLookUp(data: unknown): string | null {
  const { siteId, conversationId } = ownerFields(data);
  return typeof siteId !== 'string' && typeof conversationId === 'string' ? conversationId : null;
}

/**
 * Whose job it is: the site its data names, else the site of the conversation it names (looked up in
 * `conversationSites`), else nobody's (the deployment's own sweeps: retention, auto-close, at-risk, auto-away).
 */
export function jobSiteOf(data: unknown, conversationSites: ReadonlyMap<string, string>): string | null {
  const { siteId, conversationId } = ownerFields(data);
  if (typeof siteId === 'string') return siteId;
  if (typeof conversationId === 'string') return conversationSites.get(conversationId) ?? null;
  return null;
}
