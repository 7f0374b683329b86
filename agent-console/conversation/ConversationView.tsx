import { useRef, useState } from 'preact/hooks';
import { expandCanned } from '../../shared/canned/expand';
import { productsOf } from '../cards/products';
import { EscalationBadges } from '../escalation/EscalationBadges';
import { ArticleSuggestions } from '../kb/ArticleSuggestions';
import { FileDropHint, UploadList } from '../files/UploadList';
import { useConversationFiles } from '../files/use-conversation-files';
import { formatWait, secondsSince } from '../lib/format';
import type { ConsoleSession } from '../state/console-session';
import { useConsoleSession } from '../state/session-context';
import { useStore } from '../state/use-store';
import { Avatar } from '../ui/Avatar';
import { Name } from '../ui/Name';
import { type CannedCompletion, Composer } from './Composer';
import { ConversationActions, CsatSummary } from './ConversationActions';
import { MessageList } from './MessageList';

/** The open conversation: its header and actions, messages and notes, typing, suggestions and the composer. */
export function ConversationView({ now }: { now: number }) {
  const session = useConsoleSession();
  const { openConversation } = session;
  const { selected, outgoing } = useStore(openConversation.store);
  const { byId } = useStore(session.conversations.store);
  const { connection } = useStore(session.status);
  const { byConversation: notes } = useStore(session.notes.store);
  const { visitorRead } = useStore(session.receipts.store);
  const { responses } = useStore(session.canned.store);
  const { context } = useStore(session.visitor.store);
  const drafts = useRef(new Map<string, string>());
  /** Bumped by an article insert: remounts the composer with the draft that now holds the article. */
  const [inserts, setInserts] = useState(0);
  const files = useConversationFiles(
    session.files,
    selected?.id ?? null,
    selected?.load === 'ready' && byId[selected.id]?.status !== 'closed',
  );

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

  const summary = byId[selected.id] ?? null;
  const visitorName = selected.visitor?.name ?? summary?.visitorName ?? 'Visitor';
  const closed = summary?.status === 'closed';
  const id = selected.id;

  return (
    <section class="conversation" aria-labelledby="conversation-title" {...files.drop.handlers}>
      {files.drop.over && <FileDropHint />}
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
      {summary && <ConversationActions conversation={summary} />}
      {summary && <CsatSummary conversation={summary} />}

      {selected.load === 'loading' && (
        <div class="messages messages--state" role="status">
          Loading messages…
        </div>
      )}
      {selected.load === 'error' && (
        <div class="messages messages--state" role="alert">
          <p>{selected.error}</p>
          <button type="button" class="button button--small" onClick={() => session.select(id)}>
            Try again
          </button>
        </div>
      )}
      {selected.load === 'ready' && (
        <MessageList
          conversationId={id}
          messages={selected.messages}
          outgoing={outgoing.filter((o) => o.conversationId === id)}
          visitorName={visitorName}
          agentName={session.user.name}
          now={now}
          onRetry={openConversation.retry}
          onDiscard={openConversation.discard}
          notes={notes[id]}
          visitorReadSeq={Math.max(visitorRead[id] ?? -1, summary?.visitorReadSeq ?? -1)}
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
          storageKey={`console:suggestions-hidden:${session.user.id}`}
          latestVisitorText={selected.messages.findLast((m) => m.author === 'visitor')?.text ?? null}
          onInsert={(text) => {
            const draft = drafts.current.get(id);
            drafts.current.set(id, draft ? `${draft.trimEnd()}\n\n${text}` : text);
            setInserts((n) => n + 1);
          }}
        />
      )}
      <UploadList uploads={session.files} conversationId={id} />
      <Composer
        key={`${id}:${inserts}`}
        initialDraft={drafts.current.get(id) ?? ''}
        disabled={closed || selected.load === 'error'}
        disabledReason={closed ? 'This conversation is closed' : null}
        autoFocus
        onDraftChange={(draft) => {
          if (draft) drafts.current.set(id, draft);
          else drafts.current.delete(id);
          openConversation.draftChanged(draft);
        }}
        onSend={openConversation.send}
        onNote={(text) => session.notes.write(id, text)}
        canned={cannedFor(session, responses, selected.visitor?.name ?? null)}
        files={files.composer}
        products={productsOf(context)}
      />
    </section>
  );
}

/** Server placeholder names ("Visitor 1A2B") are not a name to greet someone with. */
const PLACEHOLDER_NAME = /^Visitor [0-9A-F]{4}$/;

function cannedFor(session: ConsoleSession, responses: CannedCompletion['responses'], visitorName: string | null): CannedCompletion {
  const name = visitorName && !PLACEHOLDER_NAME.test(visitorName) ? visitorName : null;
  return {
    responses,
    expand: (text) => expandCanned(text, { 'visitor.name': name, 'order.number': session.orderNumber(), 'agent.name': session.user.name }),
  };
}
