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

/** Cards for `escalation:offer`: a hesitating buyer waiting for someone to take the chat, newest first. */
export function EscalationOffers({ offers, onAccept, onOpen, onDismiss }: EscalationOffersProps) {
  // The live region is always there so that new offers are announced; countdown ticks are not.
  return (
    <div aria-live="polite" aria-relevant="additions">
      {offers.length > 0 && (
        <section class="offers" aria-label="Escalation offers">
          {[...offers].reverse().map((offer) => (
            <OfferCard key={offer.conversation.id} offer={offer} onAccept={onAccept} onOpen={onOpen} onDismiss={onDismiss} />
          ))}
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
