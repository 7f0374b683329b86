import { z } from 'zod';

/** Stable machine-readable error codes; clients branch on these, never on messages. */
export const ErrorCode = z.enum([
  'invalid_payload',
  'unknown_event',
  'unauthorized',
  'forbidden',
  'not_found',
  'bad_credentials',
  'site_unknown',
  'origin_not_allowed',
  'conversation_closed',
  /** Someone else got there first, e.g. another agent accepted the escalation. */
  'conflict',
  /** A webhook's signature is missing, wrong, outside the replay window or already used. */
  'bad_signature',
  'payload_too_large',
  /** A file larger than the site accepts (the message names the limit). */
  'too_large',
  /** A file whose content (read from its bytes, never its name) is of a kind the site does not accept, or is active content. */
  'type_refused',
  /** A signed file address past its lifetime: ask for a fresh one. */
  'link_expired',
  /** Too many requests from one visitor, agent or address in a short time; retry after the wait the message names. */
  'rate_limited',
  /** A "continue the conversation" link that is forged, altered, another site's or not its visitor's. */
  'resume_invalid',
  /** A "continue the conversation" link past its lifetime. */
  'resume_expired',
  /** A "continue the conversation" link already used (each opens once). */
  'resume_used',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({ code: ErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

/** Body of every non-2xx REST response. */
export const ErrorBody = z.object({ error: ApiError });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** What every client→server Socket.IO event answers through its acknowledgement callback. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };
