import type { ConversationSummary } from '../../shared/contract';

export type InboxView = 'unassigned' | 'mine' | 'escalated' | 'open' | 'closed';

export const INBOX_VIEWS: ReadonlyArray<{ id: InboxView; label: string }> = [
  { id: 'unassigned', label: 'Unassigned' },
  { id: 'mine', label: 'Mine' },
  { id: 'escalated', label: 'Escalated' },
  { id: 'open', label: 'All open' },
  { id: 'closed', label: 'Closed' },
];

/** Whether an open conversation belongs in a view (Closed is loaded from the server instead). */
export function inView(view: InboxView, conversation: ConversationSummary, userId: string): boolean {
  switch (view) {
    case 'unassigned':
      return conversation.assigneeId === null;
    case 'mine':
      return conversation.assigneeId === userId;
    case 'escalated':
      return conversation.escalation !== null;
    case 'open':
      return true;
    case 'closed':
      return conversation.status === 'closed';
  }
}

/** Per open view: how many conversations, and how many of them have unread visitor messages. */
export function viewCounts(
  open: readonly ConversationSummary[],
  userId: string,
): Record<Exclude<InboxView, 'closed'>, { total: number; unread: number }> {
  const counts = {
    unassigned: { total: 0, unread: 0 },
    mine: { total: 0, unread: 0 },
    escalated: { total: 0, unread: 0 },
    open: { total: 0, unread: 0 },
  };
  for (const conversation of open) {
    for (const view of ['unassigned', 'mine', 'escalated', 'open'] as const) {
      if (!inView(view, conversation, userId)) continue;
      counts[view].total += 1;
      if (conversation.unread > 0) counts[view].unread += 1;
    }
  }
  return counts;
}
