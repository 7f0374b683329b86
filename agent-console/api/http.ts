import type { ErrorCode } from '../../shared/contract';

/** Contract error codes plus the two failures that never reach the server's error body. */
export type ApiErrorCode = ErrorCode | 'network' | 'unexpected_response';

/** A failed REST call: branch on `code`, show `message`. */
export class ApiRequestError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status, or null when the request never got an answer. */
  readonly status: number | null;

  constructor(code: ApiErrorCode, message: string, status: number | null) {
    super(message);
    this.name = 'ApiRequestError';
    this.code = code;
    this.status = status;
  }
}

export interface ApiOptions {
  fetch?: typeof fetch;
  /** Prefix of every path; '' means same origin. */
  baseUrl?: string;
}

export const NETWORK_MESSAGE = 'Could not reach the server. Check your connection and try again.';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Sends JSON requests to paths under `base` with the session cookie; resolves with a 2xx response,
 * rejects with an `ApiRequestError` (`network` when the server could not be reached).
 */
export function jsonRequester(options: ApiOptions, base: string) {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  return async (method: HttpMethod, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const init: RequestInit = { method, headers, credentials: 'same-origin', signal };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl ?? ''}${base}${path}`, init);
    } catch {
      throw new ApiRequestError('network', NETWORK_MESSAGE, null);
    }
    if (!response.ok) throw await toError(response);
    return response;
  };
}

export async function toError(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message } = body.error;
    if (typeof code === 'string' && typeof message === 'string') {
      return new ApiRequestError(code as ErrorCode, message, response.status);
    }
  }
  const message =
    response.status >= 500 ? 'The server had a problem. Please try again in a moment.' : `Request failed (HTTP ${response.status}).`;
  return new ApiRequestError('unexpected_response', message, response.status);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
