import { formatDuration } from '../lib/format';
import type { WaitingAlert } from '../state/alerts';
import { Name } from '../ui/Name';

interface WaitingAlertsProps {
  alerts: WaitingAlert[];
  onOpen: (conversationId: string) => void;
  onDismiss: (conversationId: string) => void;
}

/** Toasts raised by `conversation:waiting-alert`, newest first. */
export function WaitingAlerts({ alerts, onOpen, onDismiss }: WaitingAlertsProps) {
  if (alerts.length === 0) return null;
  return (
    <div class="alerts">
      {[...alerts].reverse().map((alert) => (
        <div class="toast" role="alert" key={alert.conversationId}>
          <span class="toast__icon" aria-hidden="true">
            !
          </span>
          <p class="toast__text">
            <strong>
              <Name name={alert.visitorName} />
            </strong>{' '}
            has been waiting {formatDuration(alert.waitingSeconds)} for a reply.
          </p>
          <span class="toast__actions">
            <button type="button" class="button button--small" onClick={() => onOpen(alert.conversationId)}>
              Open
            </button>
            <button
              type="button"
              class="icon-button"
              aria-label={`Dismiss alert for ${alert.visitorName}`}
              onClick={() => onDismiss(alert.conversationId)}
            >
              ×
            </button>
          </span>
        </div>
      ))}
    </div>
  );
}
