// Where each REST endpoint lives: method and path, nothing else. The route table (routes.ts) adds
// the schemas; browser code imports this module so that zod stays out of its bundles, and takes its
// types from the table (`RouteAt`).

import { widgetEndpoints } from './widget-endpoints';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint {
  readonly method: HttpMethod;
  readonly path: string;
}

export const endpoints = {
  health: { method: 'GET', path: '/healthz' },
  auth: {
    signIn: { method: 'POST', path: '/api/auth/sign-in' },
    signOut: { method: 'POST', path: '/api/auth/sign-out' },
    me: { method: 'GET', path: '/api/auth/me' },
    peekInvite: { method: 'POST', path: '/api/auth/invite/peek' },
    acceptInvite: { method: 'POST', path: '/api/auth/invite/accept' },
    changePassword: { method: 'POST', path: '/api/auth/password' },
    signOutEverywhere: { method: 'POST', path: '/api/auth/sign-out-everywhere' },
    preferences: { method: 'GET', path: '/api/auth/preferences' },
    updatePreferences: { method: 'PUT', path: '/api/auth/preferences' },
  },
  users: {
    list: { method: 'GET', path: '/api/users' },
    create: { method: 'POST', path: '/api/users' },
    update: { method: 'PATCH', path: '/api/users/:id' },
    deactivate: { method: 'POST', path: '/api/users/:id/deactivate' },
    reactivate: { method: 'POST', path: '/api/users/:id/reactivate' },
    reinvite: { method: 'POST', path: '/api/users/:id/invite' },
  },
  canned: {
    list: { method: 'GET', path: '/api/canned' },
    create: { method: 'POST', path: '/api/canned' },
    update: { method: 'PUT', path: '/api/canned/:shortcut' },
    remove: { method: 'DELETE', path: '/api/canned/:shortcut' },
  },
  settings: {
    get: { method: 'GET', path: '/api/settings' },
    update: { method: 'PUT', path: '/api/settings' },
    rotateSecret: { method: 'POST', path: '/api/settings/rotate-secret' },
  },
  kb: {
    list: { method: 'GET', path: '/api/kb/articles' },
    create: { method: 'POST', path: '/api/kb/articles' },
    get: { method: 'GET', path: '/api/kb/articles/:id' },
    update: { method: 'PUT', path: '/api/kb/articles/:id' },
    publish: { method: 'POST', path: '/api/kb/articles/:id/publish' },
    unpublish: { method: 'POST', path: '/api/kb/articles/:id/unpublish' },
    revisions: { method: 'GET', path: '/api/kb/articles/:id/revisions' },
    restore: { method: 'POST', path: '/api/kb/articles/:id/revisions/:number/restore' },
    phrasings: { method: 'GET', path: '/api/kb/articles/:id/phrasings' },
    removePhrasing: { method: 'DELETE', path: '/api/kb/articles/:id/phrasings/:key' },
    preview: { method: 'POST', path: '/api/kb/preview' },
    signals: { method: 'GET', path: '/api/kb/signals' },
    gaps: { method: 'GET', path: '/api/kb/gaps' },
    dismissGaps: { method: 'DELETE', path: '/api/kb/gaps' },
    articleFromGaps: { method: 'POST', path: '/api/kb/gaps/article' },
  },
  analytics: {
    report: { method: 'GET', path: '/api/analytics/:report' },
  },
  webhooks: {
    shop: { method: 'POST', path: '/api/webhooks/:siteKey/shop' },
  },
  demo: {
    order: { method: 'POST', path: '/demo/api/orders' },
  },
  mail: {
    outbox: { method: 'GET', path: '/api/mail/outbox' },
  },
  /** The admins' queue view: their site's jobs of each bull queue, and retrying a failed one. */
  ops: {
    queues: { method: 'GET', path: '/api/ops/queues' },
    retryJob: { method: 'POST', path: '/api/ops/queues/:queue/jobs/:jobId/retry' },
  },
  /** The site's audit trail (admins): read only, there is no route that changes it. */
  audit: {
    list: { method: 'GET', path: '/api/audit' },
    /** The same filters, every matching entry as CSV. */
    csv: { method: 'GET', path: '/api/audit/export.csv' },
  },
  /** An admin's export and erasure of one visitor's data, and a visitor's own (issue 18). */
  privacy: {
    /** The site's visitors stored with an email address (`?email=`). */
    lookup: { method: 'GET', path: '/api/visitors' },
    export: { method: 'GET', path: '/api/visitors/:visitorId/export' },
    erase: { method: 'POST', path: '/api/visitors/:visitorId/erase' },
    /** A visitor's own export, from the device holding their token (`Authorization: Bearer`): the admin export's file. */
    visitorExport: { method: 'GET', path: '/api/privacy/visitor/export' },
    /** A visitor's own erasure, from the device holding their token: the admin erasure, answered the same way. */
    visitorErase: { method: 'POST', path: '/api/privacy/visitor/erase' },
    /** Public: mails a signed link for an export or erasure to the visitors of a site stored with an address. */
    visitorLink: { method: 'POST', path: '/api/privacy/visitor/link' },
  },
  widget: widgetEndpoints,
  files: {
    /** A visitor's file into their open conversation (visitor token as `Authorization: Bearer`). */
    visitorUpload: { method: 'POST', path: '/api/files/visitor' },
    /** Fresh signed addresses of a file in the visitor's own conversations (visitor token). */
    visitorLinks: { method: 'GET', path: '/api/files/visitor/:id/links' },
    /** An agent's file into a conversation of their site (session cookie). */
    agentUpload: { method: 'POST', path: '/api/files/conversations/:conversationId' },
    /** An agent sends a canned response's file into a conversation (a copy of it, as a new message). */
    sendCanned: { method: 'POST', path: '/api/files/conversations/:conversationId/canned/:shortcut' },
    /** An admin sets (replaces) or removes a canned response's file. */
    cannedAttach: { method: 'PUT', path: '/api/files/canned/:shortcut' },
    cannedDetach: { method: 'DELETE', path: '/api/files/canned/:shortcut' },
    /** The site's attachment limits, for the console to check a file before sending it (agents). */
    settings: { method: 'GET', path: '/api/files/settings' },
    /** The bytes: with a signed address's `exp` and `sig`, or an agent's session. */
    download: { method: 'GET', path: '/api/files/:id' },
  },
} as const;

/** The concrete path of a route: each `:name` replaced by its URL-encoded value. */
export function routePath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${path}: no value for :${name}`);
    return encodeURIComponent(String(params[name]));
  });
}
