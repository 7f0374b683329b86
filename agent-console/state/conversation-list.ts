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

export function sortConversations(list: readonly ConversationSummary[]): ConversationSummary[] {
  return [...list].sort(compareConversations);
}

/**
 * Inserts or replaces a summary in an open-conversations list. A summary that is no longer open
 * leaves the list; an older copy than the one held (by updatedAt) is ignored.
 */
export function upsertConversation(list: readonly ConversationSummary[], summary: ConversationSummary): ConversationSummary[] {
  const current = list.find((c) => c.id === summary.id);
  if (current && Date.parse(current.updatedAt) > Date.parse(summary.updatedAt)) return [...list];
  const rest = list.filter((c) => c.id !== summary.id);
  return summary.status === 'open' ? sortConversations([...rest, summary]) : rest;
}
