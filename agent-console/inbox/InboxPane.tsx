import { useEffect, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../shared/contract';
import { summariesOf } from '../state/conversations';
import { INBOX_VIEWS, inView, viewCounts, type InboxView } from '../state/inbox-views';
import { useConsoleSession } from '../state/session-context';
import { useStore } from '../state/use-store';
import { Inbox } from './Inbox';

const EMPTY: Record<InboxView, { title: string; text: string }> = {
  unassigned: { title: 'Nothing unassigned', text: 'Every open conversation has an agent.' },
  mine: { title: 'Nothing assigned to you', text: 'Take a conversation from Unassigned, or accept an escalation.' },
  escalated: { title: 'No escalations', text: 'Hesitating buyers the system escalates show up here.' },
  open: { title: 'No open conversations', text: 'New chats from visitors will show up here.' },
  closed: { title: 'No closed conversations', text: 'Closed conversations and their ratings show up here.' },
};

const SEARCH_DEBOUNCE_MS = 250;

/** The inbox with its views (Unassigned, Mine, Escalated, All open, Closed) and the server-side search. */
export function InboxPane({ userId, now }: { userId: string; now: number }) {
  const session = useConsoleSession();
  const conversations = session.conversations;
  const { byId, open, view, closed, search } = useStore(conversations.store);
  const { selected } = useStore(session.openConversation.store);
  const { alerts } = useStore(session.alerts.store);
  const [query, setQuery] = useState(search.query);
  useEffect(() => {
    const timer = setTimeout(() => void conversations.search(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [conversations, query]);

  const searching = query.trim().length >= 2;
  const openList = summariesOf(byId, open.ids);
  const counts = viewCounts(openList, userId);
  let shown: ConversationSummary[];
  let status = open.load;
  if (searching) {
    shown = summariesOf(byId, search.ids);
    status = search.load === 'error' ? 'error' : search.load === 'ready' ? 'ready' : 'loading';
  } else if (view === 'closed') {
    shown = summariesOf(byId, closed.ids);
    status = closed.load === 'error' ? 'error' : closed.load === 'ready' ? 'ready' : 'loading';
  } else {
    shown = openList.filter((c) => inView(view, c, userId));
  }
  const label = INBOX_VIEWS.find((v) => v.id === view)!.label;

  return (
    <Inbox
      status={status}
      error={searching ? 'The search failed. Try again.' : view === 'closed' ? 'Could not load closed conversations.' : open.error}
      conversations={shown}
      selectedId={selected?.id ?? null}
      alerts={alerts}
      now={now}
      onSelect={session.select}
      onDismissAlert={session.alerts.dismiss}
      onRetry={
        searching
          ? () => void conversations.search(query)
          : view === 'closed'
            ? () => conversations.setView('closed')
            : conversations.retryInbox
      }
      title={searching ? 'Search results' : label}
      empty={searching ? { title: 'No matches', text: 'Try a visitor’s name, email or words from the chat.' } : EMPTY[view]}
      toolbar={
        <div class="inbox-tools">
          <input
            class="input inbox-tools__search"
            type="search"
            placeholder="Search name, email or messages"
            aria-label="Search conversations"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
          <div class="view-tabs" role="tablist" aria-label="Inbox views">
            {INBOX_VIEWS.map(({ id, label: tab }) => {
              const count = id === 'closed' ? null : counts[id];
              return (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  class="view-tabs__tab"
                  aria-selected={!searching && view === id}
                  onClick={() => {
                    setQuery('');
                    conversations.setView(id);
                  }}
                >
                  {tab}
                  {count && count.total > 0 && <span class="view-tabs__count">{count.total}</span>}
                  {count && count.unread > 0 && (
                    <span class="view-tabs__unread" role="img" aria-label={`${count.unread} with unread messages`} />
                  )}
                </button>
              );
            })}
          </div>
        </div>
      }
    />
  );
}
