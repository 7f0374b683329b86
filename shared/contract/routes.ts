import { z } from 'zod';
import {
  ChangePasswordBody,
  CreateUserBody,
  InviteAcceptBody,
  InvitePeekBody,
  NotificationPreferencesResponse,
  NotificationPreferencesUpdate,
  InvitePeekResponse,
  TeamListResponse,
  TeamMemberResponse,
  UpdateUserBody,
} from './accounts';
import {
  AnalyticsQuery,
  type AnalyticsReportName,
  BotReport,
  CsatReport,
  EscalationsReport,
  FunnelReport,
  KbReport,
  ResponseTimesReport,
} from './analytics';
import { AuditPageResponse, AuditQuery } from './audit';
import { CannedListResponse, CannedResponseBody, CannedResponseResponse, Shortcut } from './canned';
import { ObjectIdString } from './entities';
import {
  KbArticleCreateBody,
  KbArticleListQuery,
  KbArticleListResponse,
  KbArticleResponse,
  KbArticleUpdateBody,
  KbGapQuestionsBody,
  KbGapsResponse,
  KbPreviewBody,
  KbPhrasingListResponse,
  KbPreviewResponse,
  KbRevisionListResponse,
  KbSignalsQuery,
  KbSignalsResponse,
} from './kb';
import {
  AgentUploadResponse,
  FileDownloadQuery,
  FileLinksResponse,
  FileSettingsResponse,
  FileUploadQuery,
  VisitorUploadResponse,
} from './files';
import { OutboxQuery, OutboxResponse } from './mail';
import { QueueJobParams, QueuesResponse } from './ops';
import { HealthResponse, SignInBody, SignInResponse } from './rest';
import { PrivacySettings, RotateSecretResponse, SiteSettingsResponse, SiteSettingsUpdate } from './settings';
import { ShopWebhookEvent } from './tracking';
import {
  EraseResponse,
  VisitorLinkBody,
  VisitorLinkResponse,
  VisitorLookupQuery,
  VisitorLookupResponse,
  VisitorParams,
} from './visitor-privacy';
import { type Endpoint, endpoints, type HttpMethod } from './endpoints';

// ---- REST: every HTTP endpoint of the server, the one source for its routes, clients and tests ----

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
  Method extends HttpMethod = HttpMethod,
> {
  method: Method;
  path: Path;
  params: Params;
  query: Query;
  body: Body;
  response: Response;
  status?: 201 | 202;
  /**
   * The body is verified over its raw bytes before it is parsed (a signed webhook): the server hands
   * the handler the raw body and the handler parses it with `body` itself.
   */
  signedRawBody?: true;
}

type AnyRoute = RouteDef<string, z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, z.ZodType | null>;

function route<
  const Path extends string,
  const Method extends HttpMethod,
  Params extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
  Response extends z.ZodType | null = null,
>(def: {
  method: Method;
  path: Path;
  params?: Params;
  query?: Query;
  body?: Body;
  response: Response;
  status?: 201 | 202;
  signedRawBody?: true;
}): RouteDef<Path, Params, Query, Body, Response, Method> {
  return { ...def, params: def.params as Params, query: def.query as Query, body: def.body as Body };
}

const IdParams = z.object({ id: ObjectIdString });
const RevisionParams = IdParams.extend({ number: z.coerce.number().int().min(1) });
const PhrasingParams = IdParams.extend({ key: z.string().min(1).max(400) });
const ShortcutParams = z.object({ shortcut: Shortcut });

/** `<report>` answers JSON (or CSV with `format=csv`); `<report>.csv` downloads CSV. The name is checked by the handler. */
const AnalyticsParams = z.object({
  report: z.custom<AnalyticsReportName | `${AnalyticsReportName}.csv`>((value) => typeof value === 'string'),
});
export const AnalyticsReport = z.union([FunnelReport, EscalationsReport, ResponseTimesReport, CsatReport, KbReport, BotReport]);

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
  health: route({ ...endpoints.health, response: HealthResponse }),
  auth: {
    signIn: route({ ...endpoints.auth.signIn, body: SignInBody, response: SignInResponse }),
    signOut: route({ ...endpoints.auth.signOut, response: null }),
    me: route({ ...endpoints.auth.me, response: SignInResponse }),
    peekInvite: route({ ...endpoints.auth.peekInvite, body: InvitePeekBody, response: InvitePeekResponse }),
    acceptInvite: route({ ...endpoints.auth.acceptInvite, body: InviteAcceptBody, response: SignInResponse }),
    changePassword: route({ ...endpoints.auth.changePassword, body: ChangePasswordBody, response: null }),
    signOutEverywhere: route({ ...endpoints.auth.signOutEverywhere, response: null }),
    preferences: route({ ...endpoints.auth.preferences, response: NotificationPreferencesResponse }),
    updatePreferences: route({
      ...endpoints.auth.updatePreferences,
      body: NotificationPreferencesUpdate,
      response: NotificationPreferencesResponse,
    }),
  },
  users: {
    list: route({ ...endpoints.users.list, response: TeamListResponse }),
    create: route({ ...endpoints.users.create, body: CreateUserBody, response: TeamMemberResponse, status: 201 }),
    update: route({ ...endpoints.users.update, params: IdParams, body: UpdateUserBody, response: TeamMemberResponse }),
    deactivate: route({ ...endpoints.users.deactivate, params: IdParams, response: TeamMemberResponse }),
    reactivate: route({ ...endpoints.users.reactivate, params: IdParams, response: TeamMemberResponse }),
    reinvite: route({ ...endpoints.users.reinvite, params: IdParams, response: TeamMemberResponse }),
  },
  canned: {
    list: route({ ...endpoints.canned.list, response: CannedListResponse }),
    create: route({ ...endpoints.canned.create, body: CannedResponseBody, response: CannedResponseResponse, status: 201 }),
    update: route({
      ...endpoints.canned.update,
      params: ShortcutParams,
      body: CannedResponseBody,
      response: CannedResponseResponse,
    }),
    remove: route({ ...endpoints.canned.remove, params: ShortcutParams, response: null }),
  },
  settings: {
    get: route({ ...endpoints.settings.get, response: SiteSettingsResponse }),
    update: route({ ...endpoints.settings.update, body: SiteSettingsUpdate, response: SiteSettingsResponse }),
    rotateSecret: route({ ...endpoints.settings.rotateSecret, response: RotateSecretResponse }),
  },
  kb: {
    list: route({ ...endpoints.kb.list, query: KbArticleListQuery, response: KbArticleListResponse }),
    create: route({ ...endpoints.kb.create, body: KbArticleCreateBody, response: KbArticleResponse, status: 201 }),
    get: route({ ...endpoints.kb.get, params: IdParams, response: KbArticleResponse }),
    update: route({
      ...endpoints.kb.update,
      params: IdParams,
      body: KbArticleUpdateBody,
      response: KbArticleResponse,
    }),
    publish: route({ ...endpoints.kb.publish, params: IdParams, response: KbArticleResponse }),
    unpublish: route({ ...endpoints.kb.unpublish, params: IdParams, response: KbArticleResponse }),
    revisions: route({ ...endpoints.kb.revisions, params: IdParams, response: KbRevisionListResponse }),
    restore: route({
      ...endpoints.kb.restore,
      params: RevisionParams,
      response: KbArticleResponse,
    }),
    phrasings: route({ ...endpoints.kb.phrasings, params: IdParams, response: KbPhrasingListResponse }),
    removePhrasing: route({ ...endpoints.kb.removePhrasing, params: PhrasingParams, response: null }),
    preview: route({ ...endpoints.kb.preview, body: KbPreviewBody, response: KbPreviewResponse }),
    signals: route({ ...endpoints.kb.signals, query: KbSignalsQuery, response: KbSignalsResponse }),
    gaps: route({ ...endpoints.kb.gaps, response: KbGapsResponse }),
    dismissGaps: route({ ...endpoints.kb.dismissGaps, body: KbGapQuestionsBody, response: null }),
    articleFromGaps: route({ ...endpoints.kb.articleFromGaps, body: KbGapQuestionsBody, response: KbArticleResponse, status: 201 }),
  },
  analytics: {
    report: route({
      ...endpoints.analytics.report,
      params: AnalyticsParams,
      query: AnalyticsQuery,
      response: AnalyticsReport,
    }),
  },
  webhooks: {
    shop: route({
      ...endpoints.webhooks.shop,
      params: z.object({ siteKey: z.string() }),
      body: ShopWebhookEvent,
      response: ShopWebhookResponse,
      signedRawBody: true,
    }),
  },
  demo: {
    order: route({ ...endpoints.demo.order, body: DemoOrderBody, response: DemoOrderResponse, status: 201 }),
  },
  mail: {
    outbox: route({ ...endpoints.mail.outbox, query: OutboxQuery, response: OutboxResponse }),
  },
  ops: {
    queues: route({ ...endpoints.ops.queues, response: QueuesResponse }),
    retryJob: route({ ...endpoints.ops.retryJob, params: QueueJobParams, response: null }),
  },
  audit: {
    list: route({ ...endpoints.audit.list, query: AuditQuery, response: AuditPageResponse }),
    /** Answers CSV, not JSON. */
    csv: route({ ...endpoints.audit.csv, query: AuditQuery.omit({ before: true }), response: z.unknown() }),
  },
  privacy: {
    lookup: route({ ...endpoints.privacy.lookup, query: VisitorLookupQuery, response: VisitorLookupResponse }),
    /** Answers the export file (JSON, as an attachment). */
    export: route({ ...endpoints.privacy.export, params: VisitorParams, response: z.unknown() }),
    erase: route({ ...endpoints.privacy.erase, params: VisitorParams, response: EraseResponse }),
    /** Answers the same export file as `export`. */
    visitorExport: route({ ...endpoints.privacy.visitorExport, response: z.unknown() }),
    visitorErase: route({ ...endpoints.privacy.visitorErase, response: EraseResponse }),
    visitorLink: route({ ...endpoints.privacy.visitorLink, body: VisitorLinkBody, response: VisitorLinkResponse, status: 202 }),
  },
  widget: {
    privacy: route({ ...endpoints.widget.privacy, query: z.object({ site: z.string().max(100) }), response: PrivacySettings }),
  },
  /** Uploads take the file's raw bytes as the body (any content type but JSON); the server reads its type from them. */
  files: {
    visitorUpload: route({ ...endpoints.files.visitorUpload, query: FileUploadQuery, response: VisitorUploadResponse, status: 201 }),
    visitorLinks: route({ ...endpoints.files.visitorLinks, params: IdParams, response: FileLinksResponse }),
    agentUpload: route({
      ...endpoints.files.agentUpload,
      params: z.object({ conversationId: ObjectIdString }),
      query: FileUploadQuery,
      response: AgentUploadResponse,
      status: 201,
    }),
    sendCanned: route({
      ...endpoints.files.sendCanned,
      params: z.object({ conversationId: ObjectIdString, shortcut: Shortcut }),
      query: FileUploadQuery.pick({ clientId: true }),
      response: AgentUploadResponse,
      status: 201,
    }),
    cannedAttach: route({
      ...endpoints.files.cannedAttach,
      params: ShortcutParams,
      query: FileUploadQuery.pick({ name: true }),
      response: CannedResponseResponse,
    }),
    cannedDetach: route({ ...endpoints.files.cannedDetach, params: ShortcutParams, response: CannedResponseResponse }),
    settings: route({ ...endpoints.files.settings, response: FileSettingsResponse }),
    /** Answers the file's bytes, not JSON. */
    download: route({ ...endpoints.files.download, params: IdParams, query: FileDownloadQuery, response: z.unknown() }),
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

type TableRoute = {
  [K in keyof typeof routes]: (typeof routes)[K] extends AnyRoute ? (typeof routes)[K] : (typeof routes)[K][keyof (typeof routes)[K]];
}[keyof typeof routes];

/** The table's route at an endpoint (by method and path): how code that holds only `endpoints` gets the types. */
export type RouteAt<E extends Endpoint> = Extract<TableRoute, { method: E['method']; path: E['path'] }>;
