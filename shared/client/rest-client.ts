import { ErrorBody, type ErrorCode } from '../contract/errors';
import { routePath, type AnyRoute, type ResponseOf, type RouteInput, type RouteLocation } from '../contract/routes';

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
export type RestReply<R extends AnyRoute> =
  | { ok: true; status: number; body: ResponseOf<R>; setCookie: string | null }
  | { ok: false; status: number; body: unknown; setCookie: string | null };

/** A route's input (optional when the route takes none) and a per-call abort signal. */
export type RouteArgs<R extends AnyRoute> =
  object extends RouteInput<R>
    ? [input?: RouteInput<R>, init?: { signal?: AbortSignalLike }]
    : [input: RouteInput<R>, init?: { signal?: AbortSignalLike }];

export interface RestClient {
  /** Resolves with the route's typed 2xx body (undefined for 204); rejects with a `RestError`. */
  call<R extends AnyRoute>(route: R, ...args: RouteArgs<R>): Promise<ResponseOf<R>>;
  /** Answers status and body of any outcome; rejects only when the server could not be reached. */
  send<R extends AnyRoute>(route: R, ...args: RouteArgs<R>): Promise<RestReply<R>>;
}

/** The URL of a route, e.g. for a download link. */
export function routeUrl<R extends AnyRoute>(route: R, input: RouteLocation<R>, baseUrl = ''): string {
  const path = routePath(route.path, input.params as Record<string, unknown> | undefined);
  const query = Object.entries((input.query ?? {}) as Record<string, unknown>).filter(([, value]) => value !== undefined && value !== '');
  const search = query.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`).join('&');
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

/** A REST client over the route table (JSON, credentials included), for the browser and for Node. */
export function createRestClient(options: RestClientOptions = {}): RestClient {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => (globalThis as unknown as { fetch: FetchLike }).fetch(url, init));

  async function send<R extends AnyRoute>(route: R, ...[input, init]: RouteArgs<R>): Promise<RestReply<R>> {
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
      response = await doFetch(routeUrl(route, (input ?? {}) as RouteInput<R>, options.baseUrl), request);
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      throw new RestError('network', NETWORK_MESSAGE, null);
    }
    const text = await response.text();
    const setCookie = response.headers.get('set-cookie');
    const body: unknown = readBody(text, response.headers.get('content-type'));
    return response.ok
      ? { ok: true, status: response.status, body: body as ResponseOf<R>, setCookie }
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
  const parsed = ErrorBody.safeParse(body);
  if (parsed.success) return new RestError(parsed.data.error.code, parsed.data.error.message, status);
  const message = status >= 500 ? 'The server had a problem. Please try again in a moment.' : `Request failed (HTTP ${status}).`;
  return new RestError('unexpected_response', message, status);
}
