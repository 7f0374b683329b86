import type { ConversationSummary } from '../../shared/contract';

/**
 * Inbox order: highest priority first (purchase-stage escalations outrank all); within a priority,
 * waiting conversations first (longest wait first), then the most recently updated.
 */
export function compareConversations(a: ConversationSummary, b: ConversationSummary): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.waitingSince && b.waitingSince) {
    return Date.parse(a.waitingSince) - Date.parse(b.waitingSince) || a.id.localeCompare(b.id);
  }
  if (a.waitingSince) return -1;
  if (b.waitingSince) return 1;
  return Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.id.localeCompare(b.id);
}

/** Whether `incoming` is older than the copy already held (by updatedAt), so that it must not replace it. */
export function isStale(held: ConversationSummary | undefined, incoming: ConversationSummary): boolean {
  return held !== undefined && Date.parse(held.updatedAt) > Date.parse(incoming.updatedAt);
}
