import type { ErrorCode } from '../contract';

/** How a request fails before any answer arrives: no answer in time, or no connection. */
export type TransportErrorCode = 'timeout' | 'disconnected';
export type ClientErrorCode = ErrorCode | TransportErrorCode;

/**
 * Whether sending the same request again later may succeed: true only for failures of the moment
 * (the server or its backends are unreachable or busy, too many requests, the link dropped or
 * timed out). Every other code is about the request itself, so a resend gets the same answer.
 * `internal` is a fault on the server's side that a resend is expected to hit again (backend
 * outages arrive as `unavailable`); clients show it and leave retrying to the user.
 */
const RETRYABLE = {
  invalid_payload: false,
  unknown_event: false,
  unauthorized: false,
  forbidden: false,
  not_found: false,
  bad_credentials: false,
  site_unknown: false,
  origin_not_allowed: false,
  conversation_closed: false,
  conflict: false,
  bad_signature: false,
  payload_too_large: false,
  rate_limited: true,
  unavailable: true,
  internal: false,
  timeout: true,
  disconnected: true,
} satisfies Record<ClientErrorCode, boolean>;

export function isRetryable(code: ClientErrorCode): boolean {
  return RETRYABLE[code];
}
