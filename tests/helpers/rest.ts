import type { ApiError } from '../../shared/contract';
import { createRestClient } from '../../shared/client/rest-client';
import type { AnyRoute, ResponseOf, RouteInput } from '../../shared/contract/routes';

/**
 * What a test gets back from a REST call: the status, the `Set-Cookie` header and the body, typed as
 * the route's 2xx body with the contract's `error` beside it (tests check the status before either).
 */
export interface TestReply<R extends AnyRoute> {
  status: number;
  body: (ResponseOf<R> extends object ? ResponseOf<R> : unknown) & { error: ApiError };
  setCookie: string | null;
}

type CallOptions<R extends AnyRoute> = RouteInput<R> & { cookie?: string | undefined };

/** A REST call to a test server as the console makes it, through the typed client, with a session cookie (or none); any status resolves. */
export async function call<R extends AnyRoute>(
  server: { url: string },
  route: R,
  ...[options]: object extends RouteInput<R> ? [options?: CallOptions<R>] : [options: CallOptions<R>]
): Promise<TestReply<R>> {
  const { cookie, ...input } = (options ?? {}) as CallOptions<R>;
  const client = createRestClient({ baseUrl: server.url, ...(cookie && { cookie }) });
  const { status, body, setCookie } = await client.send(route, input as RouteInput<R>);
  return { status, body: (body ?? null) as TestReply<R>['body'], setCookie };
}
