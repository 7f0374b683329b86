import type { ApiError, ErrorCode } from '../../shared/contract';
import { isDatabaseUnreachable } from '../data/errors';
import { AppError } from '../errors/app-error';

const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_payload: 400,
  unknown_event: 400,
  unauthorized: 401,
  bad_credentials: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  site_unknown: 404,
  conversation_closed: 409,
  conflict: 409,
  bad_signature: 401,
  payload_too_large: 413,
  too_large: 413,
  type_refused: 415,
  link_expired: 410,
  rate_limited: 429,
  resume_invalid: 400,
  resume_expired: 410,
  resume_used: 410,
  unavailable: 503,
  internal: 500,
};

export function httpStatusOf(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

/**
 * The database or Redis cannot serve this right now: a failure of the moment, not of the request, so
 * clients get `unavailable` and retry rather than give up. (ioredis gives up on a command after
 * `maxRetriesPerRequest`.)
 */
export function isBackendUnreachable(err: unknown): boolean {
  return isDatabaseUnreachable(err) || (err instanceof Error && err.name === 'MaxRetriesPerRequestError');
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (isBackendUnreachable(err)) {
    return { code: 'unavailable', message: 'The service is briefly unavailable. Please try again in a moment.' };
  }
  return { code: 'internal', message: 'Something went wrong on our side. Please try again.' };
}

/** Turns a zod failure into one readable sentence naming the offending fields. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const parts = issues.slice(0, 3).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return `Invalid request. ${parts.join('; ')}`;
}
