import { z } from 'zod';
import {
  ChangePasswordBody,
  CreateUserBody,
  InviteAcceptBody,
  InvitePeekBody,
  InvitePeekResponse,
  TeamListResponse,
  TeamMemberResponse,
  UpdateUserBody,
} from './accounts';
import {
  AnalyticsQuery,
  type AnalyticsReportName,
  CsatReport,
  EscalationsReport,
  FunnelReport,
  KbReport,
  ResponseTimesReport,
} from './analytics';
import { CannedListResponse, CannedResponseBody, CannedResponseResponse, Shortcut } from './canned';
import { ObjectIdString } from './entities';
import {
  KbArticleCreateBody,
  KbArticleListQuery,
  KbArticleListResponse,
  KbArticleResponse,
  KbArticleUpdateBody,
  KbPreviewBody,
  KbPreviewResponse,
  KbRevisionListResponse,
  KbSignalsQuery,
  KbSignalsResponse,
} from './kb';
import { HealthResponse, SignInBody, SignInResponse } from './rest';
import { RotateSecretResponse, SiteSettingsResponse, SiteSettingsUpdate } from './settings';
import { ShopWebhookEvent } from './tracking';

// ---- REST: every HTTP endpoint of the server, the one source for its routes, clients and tests ----

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint. `path` is Express syntax (`/api/kb/articles/:id`) and names every parameter `params`
 * validates. `response` is the 2xx body; null means `204 No Content`. `status` is the success status
 * when it is not 200 (and not decided per request).
 */
export interface RouteDef<
  Path extends string = string,
  Params extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Response extends z.ZodType | null = z.ZodType | null,
> {
  method: HttpMethod;
  path: Path;
  params: Params;
  query: Query;
  body: Body;
  response: Response;
  status?: 201;
  /**
   * The body is verified over its raw bytes before it is parsed (a signed webhook): the server hands
   * the handler the raw body and the handler parses it with `body` itself.
   */
  signedRawBody?: true;
}

type AnyRoute = RouteDef<string, z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, z.ZodType | null>;

function route<
  const Path extends string,
  Params extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
  Response extends z.ZodType | null = null,
>(def: {
  method: HttpMethod;
  path: Path;
  params?: Params;
  query?: Query;
  body?: Body;
  response: Response;
  status?: 201;
  signedRawBody?: true;
}): RouteDef<Path, Params, Query, Body, Response> {
  return { ...def, params: def.params as Params, query: def.query as Query, body: def.body as Body };
}

const IdParams = z.object({ id: ObjectIdString });
const RevisionParams = IdParams.extend({ number: z.coerce.number().int().min(1) });
const ShortcutParams = z.object({ shortcut: Shortcut });

/** `<report>` answers JSON (or CSV with `format=csv`); `<report>.csv` downloads CSV. The name is checked by the handler. */
const AnalyticsParams = z.object({
  report: z.custom<AnalyticsReportName | `${AnalyticsReportName}.csv`>((value) => typeof value === 'string'),
});
export const AnalyticsReport = z.union([FunnelReport, EscalationsReport, ResponseTimesReport, CsatReport, KbReport]);

export const ShopWebhookResponse = z.object({ recorded: z.boolean() });
export type ShopWebhookResponse = z.infer<typeof ShopWebhookResponse>;

export const DemoOrderBody = z.object({
  lines: z
    .array(z.object({ slug: z.string().max(100), qty: z.number().int().min(1).max(99) }))
    .min(1)
    .max(50),
});
export const DemoOrderResponse = z.object({ orderId: z.string() });

export const routes = {
  health: route({ method: 'GET', path: '/healthz', response: HealthResponse }),
  auth: {
    signIn: route({ method: 'POST', path: '/api/auth/sign-in', body: SignInBody, response: SignInResponse }),
    signOut: route({ method: 'POST', path: '/api/auth/sign-out', response: null }),
    me: route({ method: 'GET', path: '/api/auth/me', response: SignInResponse }),
    peekInvite: route({ method: 'POST', path: '/api/auth/invite/peek', body: InvitePeekBody, response: InvitePeekResponse }),
    acceptInvite: route({ method: 'POST', path: '/api/auth/invite/accept', body: InviteAcceptBody, response: SignInResponse }),
    changePassword: route({ method: 'POST', path: '/api/auth/password', body: ChangePasswordBody, response: null }),
    signOutEverywhere: route({ method: 'POST', path: '/api/auth/sign-out-everywhere', response: null }),
  },
  users: {
    list: route({ method: 'GET', path: '/api/users', response: TeamListResponse }),
    create: route({ method: 'POST', path: '/api/users', body: CreateUserBody, response: TeamMemberResponse, status: 201 }),
    update: route({ method: 'PATCH', path: '/api/users/:id', params: IdParams, body: UpdateUserBody, response: TeamMemberResponse }),
    deactivate: route({ method: 'POST', path: '/api/users/:id/deactivate', params: IdParams, response: TeamMemberResponse }),
    reactivate: route({ method: 'POST', path: '/api/users/:id/reactivate', params: IdParams, response: TeamMemberResponse }),
    reinvite: route({ method: 'POST', path: '/api/users/:id/invite', params: IdParams, response: TeamMemberResponse }),
  },
  canned: {
    list: route({ method: 'GET', path: '/api/canned', response: CannedListResponse }),
    create: route({ method: 'POST', path: '/api/canned', body: CannedResponseBody, response: CannedResponseResponse, status: 201 }),
    update: route({
      method: 'PUT',
      path: '/api/canned/:shortcut',
      params: ShortcutParams,
      body: CannedResponseBody,
      response: CannedResponseResponse,
    }),
    remove: route({ method: 'DELETE', path: '/api/canned/:shortcut', params: ShortcutParams, response: null }),
  },
  settings: {
    get: route({ method: 'GET', path: '/api/settings', response: SiteSettingsResponse }),
    update: route({ method: 'PUT', path: '/api/settings', body: SiteSettingsUpdate, response: SiteSettingsResponse }),
    rotateSecret: route({ method: 'POST', path: '/api/settings/rotate-secret', response: RotateSecretResponse }),
  },
  kb: {
    list: route({ method: 'GET', path: '/api/kb/articles', query: KbArticleListQuery, response: KbArticleListResponse }),
    create: route({ method: 'POST', path: '/api/kb/articles', body: KbArticleCreateBody, response: KbArticleResponse, status: 201 }),
    get: route({ method: 'GET', path: '/api/kb/articles/:id', params: IdParams, response: KbArticleResponse }),
    update: route({
      method: 'PUT',
      path: '/api/kb/articles/:id',
      params: IdParams,
      body: KbArticleUpdateBody,
      response: KbArticleResponse,
    }),
    publish: route({ method: 'POST', path: '/api/kb/articles/:id/publish', params: IdParams, response: KbArticleResponse }),
    unpublish: route({ method: 'POST', path: '/api/kb/articles/:id/unpublish', params: IdParams, response: KbArticleResponse }),
    revisions: route({ method: 'GET', path: '/api/kb/articles/:id/revisions', params: IdParams, response: KbRevisionListResponse }),
    restore: route({
      method: 'POST',
      path: '/api/kb/articles/:id/revisions/:number/restore',
      params: RevisionParams,
      response: KbArticleResponse,
    }),
    preview: route({ method: 'POST', path: '/api/kb/preview', body: KbPreviewBody, response: KbPreviewResponse }),
    signals: route({ method: 'GET', path: '/api/kb/signals', query: KbSignalsQuery, response: KbSignalsResponse }),
  },
  analytics: {
    report: route({
      method: 'GET',
      path: '/api/analytics/:report',
      params: AnalyticsParams,
      query: AnalyticsQuery,
      response: AnalyticsReport,
    }),
  },
  webhooks: {
    shop: route({
      method: 'POST',
      path: '/api/webhooks/:siteKey/shop',
      params: z.object({ siteKey: z.string() }),
      body: ShopWebhookEvent,
      response: ShopWebhookResponse,
      signedRawBody: true,
    }),
  },
  demo: {
    order: route({ method: 'POST', path: '/demo/api/orders', body: DemoOrderBody, response: DemoOrderResponse, status: 201 }),
  },
} as const;

/** Every route of the table, flat (for listings and checks over the whole API). */
export const allRoutes: readonly AnyRoute[] = Object.values(routes).flatMap((entry) =>
  'method' in entry ? [entry as AnyRoute] : (Object.values(entry) as AnyRoute[]),
);

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** The 2xx body of a route (`undefined` for 204). */
export type ResponseOf<R extends AnyRoute> = R['response'] extends z.ZodType ? z.output<R['response']> : undefined;
/** What the server's handler gets, validated. */
export type ParamsOf<R extends AnyRoute> = Out<R['params']>;
export type QueryOf<R extends AnyRoute> = Out<R['query']>;
export type BodyOf<R extends AnyRoute> = Out<R['body']>;

/** Where a route is called: its path parameters and query, each only when the route has them. */
export type RouteLocation<R extends AnyRoute> = (R['params'] extends z.ZodType ? { params: In<R['params']> } : { params?: undefined }) &
  (R['query'] extends z.ZodType ? { query?: In<R['query']> } : { query?: undefined });
/** What a client passes: the location and the body, when the route takes one. */
export type RouteInput<R extends AnyRoute> = RouteLocation<R> &
  (R['body'] extends z.ZodType ? { body: In<R['body']> } : { body?: undefined });

export type { AnyRoute };

/** The concrete path of a route: each `:name` replaced by its URL-encoded value. */
export function routePath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${path}: no value for :${name}`);
    return encodeURIComponent(String(params[name]));
  });
}
