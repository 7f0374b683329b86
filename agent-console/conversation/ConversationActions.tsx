import { useState } from 'preact/hooks';
import type { CloseReason, ConversationSummary } from '../../shared/contract';
import { CLOSE_REASONS } from '../lib/close-reasons';
import { useConsoleSession } from '../state/session-context';
import { useStore } from '../state/use-store';

const AVAILABILITY_LABELS = { online: 'online', away: 'away', offline: 'offline' } as const;

/** Take, transfer (with a note) and close (with a reason) for the open conversation. */
export function ConversationActions({ conversation }: { conversation: ConversationSummary }) {
  const session = useConsoleSession();
  const { user, actions } = session;
  const { team } = useStore(session.team.store);
  const { busy, error } = useStore(actions.store);
  const [panel, setPanel] = useState<'none' | 'transfer' | 'close'>('none');
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<CloseReason>('resolved');
  const [comment, setComment] = useState('');
  if (conversation.status !== 'open') return null;
  const id = conversation.id;
  const assignee = conversation.assigneeId === user.id ? 'You' : (team.find((a) => a.userId === conversation.assigneeId)?.name ?? null);
  const colleagues = team.filter((a) => a.userId !== user.id && a.userId !== conversation.assigneeId);
  const reset = () => {
    setPanel('none');
    setNote('');
    setComment('');
    setTarget('');
  };

  return (
    <div class="conversation-actions">
      <div class="conversation-actions__bar">
        <span class="conversation-actions__assignee muted">{assignee ? `Assigned: ${assignee}` : 'Unassigned'}</span>
        {conversation.assigneeId === null && (
          <button type="button" class="button button--small button--primary" disabled={busy} onClick={() => void session.take(id)}>
            Take
          </button>
        )}
        <button
          type="button"
          class="button button--small"
          aria-expanded={panel === 'transfer'}
          onClick={() => {
            if (panel !== 'transfer') session.team.refresh();
            setPanel(panel === 'transfer' ? 'none' : 'transfer');
          }}
        >
          Transfer
        </button>
        <button
          type="button"
          class="button button--small"
          aria-expanded={panel === 'close'}
          onClick={() => setPanel(panel === 'close' ? 'none' : 'close')}
        >
          Close
        </button>
      </div>
      {error && (
        <p class="form-error conversation-actions__error" role="alert">
          {error}{' '}
          <button type="button" class="icon-button" aria-label="Dismiss" onClick={() => actions.dismissError()}>
            ×
          </button>
        </p>
      )}
      {panel === 'transfer' && (
        <form
          class="action-panel"
          aria-label="Transfer"
          onSubmit={async (event) => {
            event.preventDefault();
            if (target && (await session.transfer(id, target, note))) reset();
          }}
        >
          <label class="field">
            <span class="field__label">Transfer to</span>
            <select class="input" value={target} onChange={(event) => setTarget(event.currentTarget.value)} required>
              <option value="">Choose an agent…</option>
              {colleagues.map((a) => (
                <option key={a.userId} value={a.userId}>
                  {a.name} — {AVAILABILITY_LABELS[a.availability]}
                  {a.connected ? '' : ', not connected'}, {a.load}/{a.capacity} chats
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span class="field__label">Note for them (only agents see it)</span>
            <textarea class="input" rows={2} maxLength={2000} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
          </label>
          <div class="action-panel__buttons">
            <button type="button" class="button button--small button--ghost" onClick={reset}>
              Cancel
            </button>
            <button type="submit" class="button button--small button--primary" disabled={busy || !target}>
              Transfer
            </button>
          </div>
        </form>
      )}
      {panel === 'close' && (
        <form
          class="action-panel"
          aria-label="Close conversation"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await session.close(id, reason, comment)) reset();
          }}
        >
          <label class="field">
            <span class="field__label">Reason</span>
            <select class="input" value={reason} onChange={(event) => setReason(event.currentTarget.value as CloseReason)}>
              {CLOSE_REASONS.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span class="field__label">Comment (optional, agents only)</span>
            <input class="input" maxLength={500} value={comment} onInput={(event) => setComment(event.currentTarget.value)} />
          </label>
          <p class="muted action-panel__hint">The visitor is asked to rate the conversation.</p>
          <div class="action-panel__buttons">
            <button type="button" class="button button--small button--ghost" onClick={reset}>
              Cancel
            </button>
            <button type="submit" class="button button--small button--primary" disabled={busy}>
              Close conversation
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** The visitor's rating of a closed conversation, or that one is awaited. */
export function CsatSummary({ conversation }: { conversation: ConversationSummary }) {
  if (conversation.status !== 'closed') return null;
  const reason = CLOSE_REASONS.find((r) => r.id === conversation.closeReason)?.label;
  return (
    <div class="csat-summary" role="status">
      <p>
        Closed{reason ? ` · ${reason}` : ''}.{' '}
        {conversation.csat ? (
          <strong>
            Visitor rating: {conversation.csat.rating}/5{' '}
            <span aria-hidden="true">
              {'★'.repeat(conversation.csat.rating)}
              {'☆'.repeat(5 - conversation.csat.rating)}
            </span>
          </strong>
        ) : (
          <span class="muted">Waiting for the visitor’s rating.</span>
        )}
      </p>
      {conversation.csat?.comment && <p class="csat-summary__comment">“{conversation.csat.comment}”</p>}
    </div>
  );
}
