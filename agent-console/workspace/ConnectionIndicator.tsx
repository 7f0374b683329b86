import type { ConnectionStatus } from '../agent-socket';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Signed out',
  closed: 'Offline',
};

export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  return (
    <span class={`connection connection--${status}`} role="status" aria-live="polite">
      <span class="connection__dot" aria-hidden="true" />
      <span class="connection__label">{LABELS[status]}</span>
    </span>
  );
}
