import type { ErrorCode } from '../contract';

/** How a request fails before any answer arrives: no answer in time, or no connection. */
export type TransportErrorCode = 'timeout' | 'disconnected';
export type ClientErrorCode = ErrorCode | TransportErrorCode;

/**
 * Whether sending the same request again later may succeed: true only for failures of the moment
 * (`unavailable`: the server or its backends are unreachable or busy; `rate_limited`: too many
 * requests, fine after the wait; the link timed out or dropped). Every other code is about the
 * request itself (invalid, not allowed, not found, closed, conflicting, too large), so a resend gets
 * the same answer. `internal` is a fault on the server's side that a resend is expected to hit again
 * (backend outages arrive as `unavailable`); clients show it and leave retrying to the user.
 */
const RETRYABLE: ReadonlySet<ClientErrorCode> = new Set<ClientErrorCode>(['unavailable', 'rate_limited', 'timeout', 'disconnected']);

export function isRetryable(code: ClientErrorCode): boolean {
  return RETRYABLE.has(code);
}
