import type { ErrorCode } from '../../shared/contract';
import type { ChatError } from './chat-client';
import type { Connection } from './chat-session';

const ERROR_TEXT: Partial<Record<ErrorCode, string>> = {
  site_unknown: 'Chat is unavailable: this website is not registered (unknown site key).',
  origin_not_allowed: 'Chat is unavailable: it is not enabled for this website.',
};

function describe(error: ChatError): string {
  return ERROR_TEXT[error.code] ?? `Chat is unavailable right now: ${error.message}`;
}

export function StatusBanner({ connection }: { connection: Connection }) {
  switch (connection.status) {
    case 'connected':
      return null;
    case 'connecting':
      return (
        <p class="banner" role="status">
          Connecting…
        </p>
      );
    case 'reconnecting':
      return (
        <p class="banner banner--warning" role="status">
          Reconnecting…
        </p>
      );
    case 'failed':
      return (
        <p class="banner banner--error" role="alert">
          {describe(connection.error)}
        </p>
      );
  }
}
