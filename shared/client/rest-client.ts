import { type Endpoint, routePath } from '../contract/endpoints';
import type { ErrorBody, ErrorCode } from '../contract/errors';
import type { ResponseOf, RouteAt, RouteInput, RouteLocation } from '../contract/routes';

/** Contract error codes plus the two failures that never reach the server's error body. */
export type RestErrorCode = ErrorCode | 'network' | 'unexpected_response';

/** A failed REST call: branch on `code`, show `message`. */
export class RestError extends Error {
  override readonly name = 'RestError';

  constructor(
    readonly code: RestErrorCode,
    message: string,
    /** HTTP status, or null when the request never got an answer. */
    readonly status: number | null,
  ) {
    super(message);
  }
}

export const NETWORK_MESSAGE = 'Could not reach the server. Check your connection and try again.';

// Shared code is typed without DOM or Node: these are the parts of the platform's `fetch` the client uses.
interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  credentials: 'include';
}
interface FetchResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;
/** An `AbortSignal`. */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

export interface RestClientOptions {
  /** Prefix of every path; '' (the default) means same origin. */
  baseUrl?: string;
  /** Sent as the `Cookie` header: for Node (tests, scripts); browsers send their cookies themselves. */
  cookie?: string;
  fetch?: FetchLike;
}

/** What came back, whatever the status: for callers that look at failures themselves (tests). */
export type RestReply<E extends Endpoint> =
  | { ok: true; status: number; body: ResponseOf<RouteAt<E>>; setCookie: string | null }
  | { ok: false; status: number; body: unknown; setCookie: string | null };

/** A route's input (optional when the route takes none) and a per-call abort signal. */
export type RouteArgs<E extends Endpoint> =
  object extends RouteInput<RouteAt<E>>
    ? [input?: RouteInput<RouteAt<E>>, init?: { signal?: AbortSignalLike }]
    : [input: RouteInput<RouteAt<E>>, init?: { signal?: AbortSignalLike }];

export interface RestClient {
  /** Resolves with the route's typed 2xx body (undefined for 204); rejects with a `RestError`. */
  call<E extends Endpoint>(route: E, ...args: RouteArgs<E>): Promise<ResponseOf<RouteAt<E>>>;
  /** Answers status and body of any outcome; rejects only when the server could not be reached. */
  send<E extends Endpoint>(route: E, ...args: RouteArgs<E>): Promise<RestReply<E>>;
}

/** The URL of a route, e.g. for a download link. */
export function routeUrl<E extends Endpoint>(route: E, input: RouteLocation<RouteAt<E>>, baseUrl = ''): string {
  const path = routePath(route.path, input.params as Record<string, unknown> | undefined);
  const query = Object.entries((input.query ?? {}) as Record<string, unknown>).filter(([, value]) => value !== undefined && value !== '');
  const search = query.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`).join('&');
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

/** A REST client over the route table (JSON, credentials included), for the browser and for Node. */
export function createRestClient(options: RestClientOptions = {}): RestClient {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => (globalThis as unknown as { fetch: FetchLike }).fetch(url, init));

  async function send<E extends Endpoint>(route: E, ...[input, init]: RouteArgs<E>): Promise<RestReply<E>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.cookie) headers.Cookie = options.cookie;
    const request: FetchInit & { signal?: AbortSignalLike } = { method: route.method, headers, credentials: 'include' };
    if (init?.signal) request.signal = init.signal;
    if (input?.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      request.body = JSON.stringify(input.body);
    }
    let response: FetchResponse;
    try {
      response = await doFetch(routeUrl(route, (input ?? {}) as RouteInput<RouteAt<E>>, options.baseUrl), request);
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      throw new RestError('network', NETWORK_MESSAGE, null);
    }
    const text = await response.text();
    const setCookie = response.headers.get('set-cookie');
    const body: unknown = readBody(text, response.headers.get('content-type'));
    return response.ok
      ? { ok: true, status: response.status, body: body as ResponseOf<RouteAt<E>>, setCookie }
      : { ok: false, status: response.status, body, setCookie };
  }

  return {
    send,
    async call(route, ...args) {
      const reply = await send(route, ...args);
      if (reply.ok) return reply.body;
      throw toRestError(reply.status, reply.body);
    },
  };
}

function readBody(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  if (!contentType?.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The contract's error body as a `RestError`; anything else as `unexpected_response`. */
export function toRestError(status: number, body: unknown): RestError {
  if (isErrorBody(body)) return new RestError(body.error.code, body.error.message, status);
  const message = status >= 500 ? 'The server had a problem. Please try again in a moment.' : `Request failed (HTTP ${status}).`;
  return new RestError('unexpected_response', message, status);
}

/** The contract's error body, checked by shape: the schema itself would bring zod into browser bundles. */
function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}
