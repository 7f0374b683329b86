import { useRef, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../shared/contract';
import type { ConnectionStatus } from '../agent-socket';
import { EscalationBadges } from '../escalation/EscalationBadges';
import { ArticleSuggestions } from '../kb/ArticleSuggestions';
import { formatWait, secondsSince } from '../lib/format';
import type { OutgoingMessage, SelectedConversation } from '../state/console-store';
import { Avatar } from '../ui/Avatar';
import { expandCanned } from '../../shared/canned/expand';
import { useOptionalStoreState } from '../state/use-optional-store-state';
import { useWorkplace, type Workplace } from '../workplace/workplace-context';
import { Composer, type CannedCompletion } from './Composer';
import { ConversationActions, CsatSummary } from './ConversationActions';
import { MessageList } from './MessageList';
import { Name } from '../ui/Name';

export interface ConversationViewProps {
  selected: SelectedConversation | null;
  /** Replies of the selected conversation not yet acknowledged. */
  outgoing: OutgoingMessage[];
  agentName: string;
  connection: ConnectionStatus;
  now: number;
  onSend: (text: string) => boolean;
  onDraftChange: (draft: string) => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  onReload: (conversationId: string) => void;
}

export function ConversationView(props: ConversationViewProps) {
  const { selected, outgoing, agentName, connection, now, onSend, onDraftChange, onRetry, onDiscard, onReload } = props;
  const drafts = useRef(new Map<string, string>());
  /** Bumped by an article insert: remounts the composer with the draft that now holds the article. */
  const [inserts, setInserts] = useState(0);
  const workplace = useWorkplace();
  const extras = useOptionalStoreState(workplace?.store ?? null);

  if (!selected) {
    return (
      <section class="conversation conversation--empty" aria-label="Conversation">
        <div class="empty-state">
          <span class="empty-state__art" aria-hidden="true" />
          <h2 class="empty-state__title">No conversation selected</h2>
          <p class="muted">Choose a conversation from the inbox to read it and reply.</p>
        </div>
      </section>
    );
  }

  const summary: ConversationSummary | null = selected.conversation;
  const visitorName = selected.visitor?.name ?? summary?.visitorName ?? 'Visitor';
  const closed = summary?.status === 'closed';
  const id = selected.id;

  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conversation__header">
        <Avatar name={visitorName} seed={summary?.visitorId ?? id} />
        <div class="conversation__who">
          <h2 id="conversation-title" class="conversation__title">
            <Name name={visitorName} />
          </h2>
          <p class="conversation__sub muted">{selected.visitor?.email ?? 'No email given'}</p>
        </div>
        {summary && <EscalationBadges conversation={summary} />}
        {summary?.waitingSince && !closed && (
          <span class="badge badge--warning">Waiting {formatWait(secondsSince(summary.waitingSince, now))}</span>
        )}
        {closed && <span class="badge">Closed</span>}
      </header>
      {workplace && summary && <ConversationActions conversation={summary} workplace={workplace} />}
      {summary && <CsatSummary conversation={summary} />}

      {selected.load === 'loading' && (
        <div class="messages messages--state" role="status">
          Loading messages…
        </div>
      )}
      {selected.load === 'error' && (
        <div class="messages messages--state" role="alert">
          <p>{selected.error}</p>
          <button type="button" class="button button--small" onClick={() => onReload(id)}>
            Try again
          </button>
        </div>
      )}
      {selected.load === 'ready' && (
        <MessageList
          conversationId={id}
          messages={selected.messages}
          outgoing={outgoing}
          visitorName={visitorName}
          agentName={agentName}
          now={now}
          onRetry={onRetry}
          onDiscard={onDiscard}
          notes={extras?.notes[id]}
          visitorReadSeq={Math.max(extras?.visitorRead[id] ?? -1, summary?.visitorReadSeq ?? -1)}
        />
      )}

      <div class="typing" aria-live="polite">
        {selected.visitorTyping && (
          <span class="typing__text">
            <span class="typing__dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            Visitor is typing…
          </span>
        )}
      </div>

      {closed && <p class="conversation__notice">This conversation is closed. Replies are turned off.</p>}
      {!closed && connection !== 'connected' && (
        <p class="conversation__notice">Offline: replies will be sent when the connection is back.</p>
      )}
      {!closed && (
        <ArticleSuggestions
          conversationId={id}
          latestVisitorText={selected.messages.findLast((m) => m.author === 'visitor')?.text ?? null}
          onInsert={(text) => {
            const draft = drafts.current.get(id);
            drafts.current.set(id, draft ? `${draft.trimEnd()}\n\n${text}` : text);
            setInserts((n) => n + 1);
          }}
        />
      )}
      <Composer
        key={`${id}:${inserts}`}
        initialDraft={drafts.current.get(id) ?? ''}
        disabled={closed || selected.load === 'error'}
        disabledReason={closed ? 'This conversation is closed' : null}
        autoFocus
        onDraftChange={(draft) => {
          if (draft) drafts.current.set(id, draft);
          else drafts.current.delete(id);
          onDraftChange(draft);
        }}
        onSend={onSend}
        onNote={workplace ? (text) => workplace.store.addNoteText(id, text) : undefined}
        canned={workplace && extras ? cannedFor(workplace, extras.canned, selected.visitor?.name ?? null) : undefined}
      />
    </section>
  );
}

/** Server placeholder names ("Visitor 1A2B") are not a name to greet someone with. */
const PLACEHOLDER_NAME = /^Visitor [0-9A-F]{4}$/;

function cannedFor(workplace: Workplace, responses: CannedCompletion['responses'], visitorName: string | null): CannedCompletion {
  const name = visitorName && !PLACEHOLDER_NAME.test(visitorName) ? visitorName : null;
  return {
    responses,
    expand: (text) =>
      expandCanned(text, { 'visitor.name': name, 'order.number': workplace.orderNumber(), 'agent.name': workplace.user.name }),
  };
}
