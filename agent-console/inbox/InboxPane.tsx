import { useEffect, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../shared/contract';
import type { ConsoleState } from '../state/console-store';
import { useStoreState } from '../state/use-store-state';
import { INBOX_VIEWS, inView, viewCounts, type InboxView } from '../workplace/inbox-views';
import type { WorkplaceStore } from '../workplace/workplace-store';
import { Inbox } from './Inbox';

interface InboxPaneProps {
  state: ConsoleState;
  workplace: WorkplaceStore;
  userId: string;
  now: number;
  onSelect: (conversationId: string) => void;
  onDismissAlert: (conversationId: string) => void;
  onRetry: () => void;
}

const EMPTY: Record<InboxView, { title: string; text: string }> = {
  unassigned: { title: 'Nothing unassigned', text: 'Every open conversation has an agent.' },
  mine: { title: 'Nothing assigned to you', text: 'Take a conversation from Unassigned, or accept an escalation.' },
  escalated: { title: 'No escalations', text: 'Hesitating buyers the system escalates show up here.' },
  open: { title: 'No open conversations', text: 'New chats from visitors will show up here.' },
  closed: { title: 'No closed conversations', text: 'Closed conversations and their ratings show up here.' },
};

const SEARCH_DEBOUNCE_MS = 250;

/** The inbox with its views (Unassigned, Mine, Escalated, All open, Closed) and the server-side search. */
export function InboxPane({ state, workplace, userId, now, onSelect, onDismissAlert, onRetry }: InboxPaneProps) {
  const { view, closed, search } = useStoreState(workplace);
  const [query, setQuery] = useState(search.query);
  useEffect(() => {
    const timer = setTimeout(() => void workplace.search(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [workplace, query]);

  const searching = query.trim().length >= 2;
  const counts = viewCounts(state.conversations, userId);
  let conversations: ConversationSummary[];
  let status = state.inbox;
  if (searching) {
    conversations = search.results;
    status = search.load === 'error' ? 'error' : search.load === 'ready' ? 'ready' : 'loading';
  } else if (view === 'closed') {
    conversations = closed.conversations;
    status = closed.load === 'error' ? 'error' : closed.load === 'ready' ? 'ready' : 'loading';
  } else {
    conversations = state.conversations.filter((c) => inView(view, c, userId));
  }
  const label = INBOX_VIEWS.find((v) => v.id === view)!.label;

  return (
    <Inbox
      status={status}
      error={searching ? 'The search failed. Try again.' : view === 'closed' ? 'Could not load closed conversations.' : state.inboxError}
      conversations={conversations}
      selectedId={state.selected?.id ?? null}
      alerts={state.alerts}
      now={now}
      onSelect={onSelect}
      onDismissAlert={onDismissAlert}
      onRetry={searching ? () => void workplace.search(query) : view === 'closed' ? () => workplace.setView('closed') : onRetry}
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
                    workplace.setView(id);
                  }}
                >
                  {tab}
                  {count && count.total > 0 && <span class="view-tabs__count">{count.total}</span>}
                  {count && count.unread > 0 && <span class="view-tabs__unread" aria-label={`${count.unread} with unread messages`} />}
                </button>
              );
            })}
          </div>
        </div>
      }
    />
  );
}
