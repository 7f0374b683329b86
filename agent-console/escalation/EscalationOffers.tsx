import { useState } from 'preact/hooks';
import { formatDuration } from '../lib/format';
import { escalationLabel } from '../lib/lifecycle-labels';
import { useNow } from '../lib/use-now';
import type { EscalationOffer } from '../state/offers';
import { Name } from '../ui/Name';

interface EscalationOffersProps {
  offers: EscalationOffer[];
  onAccept: (conversationId: string) => void;
  onOpen: (conversationId: string) => void;
  onDismiss: (conversationId: string) => void;
}

/**
 * Cards for `escalation:offer`, a hesitating buyer waiting for someone to take the chat, newest first:
 * a tray in its own row under the header that pushes the page down, never over it, and folds to its count.
 */
export function EscalationOffers({ offers, onAccept, onOpen, onDismiss }: EscalationOffersProps) {
  const [folded, setFolded] = useState(false);
  // The live region is always there so that new offers are announced; countdown ticks are not.
  return (
    <div class="offers-region" aria-live="polite" aria-relevant="additions">
      {offers.length > 0 && (
        <section class="offers" aria-label="Escalation offers">
          <div class="offers__bar">
            <h2 class="offers__title">{offers.length === 1 ? '1 buyer needs help' : `${offers.length} buyers need help`}</h2>
            <button type="button" class="button button--ghost button--small" aria-expanded={!folded} onClick={() => setFolded(!folded)}>
              {folded ? 'Show' : 'Hide'}
            </button>
          </div>
          {!folded && (
            <div class="offers__list">
              {[...offers].reverse().map((offer) => (
                <OfferCard key={offer.conversation.id} offer={offer} onAccept={onAccept} onOpen={onOpen} onDismiss={onDismiss} />
              ))}
            </div>
          )}
        </section>
      )}
    </div>
  );
}

function OfferCard({ offer, onAccept, onOpen, onDismiss }: { offer: EscalationOffer } & Omit<EscalationOffersProps, 'offers'>) {
  const { conversation, expiresAt, accept, error } = offer;
  const { id, visitorName, escalation } = conversation;
  const titleId = `offer-${id}`;
  return (
    <article class="offer" aria-labelledby={titleId} data-conversation-id={id}>
      <div class="offer__body">
        <p id={titleId} class="offer__title">
          <strong>
            <Name name={visitorName} />
          </strong>{' '}
          needs help
        </p>
        {escalation && (
          <p class="offer__reason">
            <span class="badge badge--danger">{escalationLabel(escalation)}</span> {escalation.reason}
          </p>
        )}
        <p class="offer__expiry muted">{expiresAt ? <Countdown expiresAt={expiresAt} /> : 'Offered to everyone'}</p>
        {accept === 'failed' && (
          <p class="offer__error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div class="offer__actions">
        <button type="button" class="button button--primary button--small" disabled={accept !== 'idle'} onClick={() => onAccept(id)}>
          {accept === 'accepting' ? 'Accepting…' : 'Accept'}
        </button>
        <button type="button" class="button button--small" onClick={() => onOpen(id)}>
          Open
        </button>
        <button type="button" class="icon-button" aria-label={`Dismiss offer for ${visitorName}`} onClick={() => onDismiss(id)}>
          ×
        </button>
      </div>
    </article>
  );
}

function Countdown({ expiresAt }: { expiresAt: string }) {
  const now = useNow(1000);
  const seconds = Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
  return <time dateTime={expiresAt}>Offered to you · {formatDuration(seconds)} left</time>;
}
