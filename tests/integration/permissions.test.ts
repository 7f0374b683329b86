import type { Express } from 'express';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentRequests, allRoutes, type Role } from '../../shared/contract';
import { AGENT_EVENT_PERMISSIONS, PERMISSIONS, type Permission } from '../../server/agents/permissions';
import { openDb } from '../helpers/kb';
import { agentSocket, requestPath, signedInUser } from '../helpers/workplace';
import {
  clientId,
  connectAgent,
  connected,
  joinAsVisitor,
  request,
  signIn,
  startTestServer,
  type AgentSocket,
  type TestServer,
} from '../helpers/test-server';

const ROLES: Role[] = ['admin', 'agent', 'editor'];
const ID = 'a'.repeat(24); // a well-formed id of nothing: allowed roles get past the check to `not_found`

/**
 * Every REST route of the API with the row of the permission table it checks. `public`: no session
 * needed (the webhook checks the shop's signature instead); `fresh`: the call ends the session, so
 * each role uses a new one. Bodies are empty or invalid where the route would change something: the
 * check comes first, so an allowed role gets past it to a validation error and a refused one never
 * reaches the handler. Path parameters name nothing that exists (`not_found` past the check).
 */
const REST: Array<{ route: string; row: Permission | 'public'; body?: unknown; fresh?: boolean }> = [
  { route: 'POST /api/auth/sign-in', row: 'public', body: {} },
  { route: 'POST /api/auth/sign-out', row: 'public', fresh: true },
  { route: 'GET /api/auth/me', row: 'account:self' },
  { route: 'POST /api/auth/invite/peek', row: 'public', body: { token: 'x'.repeat(32) } },
  { route: 'POST /api/auth/invite/accept', row: 'public', body: {} },
  { route: 'POST /api/auth/password', row: 'account:self', body: {} },
  { route: 'POST /api/auth/sign-out-everywhere', row: 'account:self', fresh: true },
  { route: 'GET /api/auth/preferences', row: 'account:self' },
  { route: 'PUT /api/auth/preferences', row: 'account:self', body: {} },
  { route: 'GET /api/users/', row: 'users:manage' },
  { route: 'POST /api/users/', row: 'users:manage', body: {} },
  { route: 'PATCH /api/users/:id', row: 'users:manage', body: {} },
  { route: 'POST /api/users/:id/deactivate', row: 'users:manage' },
  { route: 'POST /api/users/:id/reactivate', row: 'users:manage' },
  { route: 'POST /api/users/:id/invite', row: 'users:manage' },
  { route: 'GET /api/canned/', row: 'canned:use' },
  { route: 'POST /api/canned/', row: 'canned:manage', body: {} },
  { route: 'PUT /api/canned/:shortcut', row: 'canned:manage', body: {} },
  { route: 'DELETE /api/canned/:shortcut', row: 'canned:manage' },
  { route: 'GET /api/settings/', row: 'settings:manage' },
  { route: 'PUT /api/settings/', row: 'settings:manage', body: { autoAwayMinutes: -1 } },
  { route: 'POST /api/settings/rotate-secret', row: 'settings:manage' },
  { route: 'GET /api/kb/articles', row: 'kb:read' },
  { route: 'POST /api/kb/articles', row: 'kb:draft', body: {} },
  { route: 'GET /api/kb/articles/:id', row: 'kb:read' },
  { route: 'PUT /api/kb/articles/:id', row: 'kb:draft', body: {} },
  { route: 'POST /api/kb/articles/:id/publish', row: 'kb:publish' },
  { route: 'POST /api/kb/articles/:id/unpublish', row: 'kb:publish' },
  { route: 'GET /api/kb/articles/:id/revisions', row: 'kb:read' },
  { route: 'POST /api/kb/articles/:id/revisions/:number/restore', row: 'kb:draft' },
  { route: 'GET /api/kb/articles/:id/phrasings', row: 'kb:draft' },
  { route: 'DELETE /api/kb/articles/:id/phrasings/:key', row: 'kb:draft' },
  { route: 'POST /api/kb/preview', row: 'kb:read', body: { body: '# hi' } },
  { route: 'GET /api/kb/signals', row: 'kb:signals' },
  { route: 'GET /api/kb/gaps', row: 'kb:signals' },
  { route: 'DELETE /api/kb/gaps', row: 'kb:signals', body: {} },
  { route: 'POST /api/kb/gaps/article', row: 'kb:signals', body: {} },
  { route: 'GET /api/analytics/:report', row: 'analytics:read' },
  { route: 'GET /api/mail/outbox', row: 'mail:outbox' },
  { route: 'GET /api/audit/', row: 'audit:read' },
  { route: 'GET /api/audit/export.csv', row: 'audit:read' },
  { route: 'GET /api/ops/queues', row: 'ops:queues' },
  { route: 'POST /api/ops/queues/:queue/jobs/:jobId/retry', row: 'ops:queues' },
  { route: 'GET /api/visitors/', row: 'visitors:privacy' },
  { route: 'GET /api/visitors/:visitorId/export', row: 'visitors:privacy' },
  { route: 'POST /api/visitors/:visitorId/erase', row: 'visitors:privacy' },
  { route: 'POST /api/privacy/visitor/link', row: 'public', body: {} },
  { route: 'GET /api/widget/privacy', row: 'public' },
  { route: 'POST /api/files/conversations/:conversationId', row: 'conversations:work' },
  { route: 'GET /api/files/:id', row: 'conversations:work' },
  { route: 'GET /api/files/settings', row: 'conversations:work' },
  { route: 'POST /api/files/conversations/:conversationId/canned/:shortcut', row: 'conversations:work' },
  { route: 'PUT /api/files/canned/:shortcut', row: 'canned:manage' },
  { route: 'DELETE /api/files/canned/:shortcut', row: 'canned:manage' },
];
const PARAMS: Record<string, string> = { id: ID, number: '1', shortcut: 'nothing', report: 'funnel' };
const concrete = (route: string) => {
  const [method, path] = route.split(' ') as [string, string];
  return { method, path: path.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? ID) };
};

/** Every `METHOD path` under /api the running app routes, read from Express's router (mounted routers included). */
function apiRoutes(app: Express): string[] {
  interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
    rawPath?: string | RegExp;
  }
  const found = new Set<string>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.add(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...found].filter((route) => route.split(' ')[1]!.startsWith('/api/'));
}

/** A valid payload for every `/agent` request event (typed over the whole contract: a new event must be added here). */
const EVENT_SAMPLES: { [E in keyof typeof agentRequests]: unknown } = {
  'conversations:list': { status: 'open' },
  'conversation:open': { conversationId: ID },
  'conversation:leave': { conversationId: ID },
  'message:send': { conversationId: ID, clientId: clientId(), text: 'hi' },
  'typing:set': { conversationId: ID, typing: true },
  'escalation:accept': { conversationId: ID },
  'visitor:context': { visitorId: ID },
  'kb:search': { query: 'shipping' },
  'kb:suggest': { conversationId: ID },
  'kb:insert': { articleId: ID },
  'availability:set': { availability: 'online' },
  'presence:activity': {},
  'team:presence': {},
  'conversations:search': { query: 'shipping' },
  'conversation:take': { conversationId: ID },
  'conversation:read': { conversationId: ID, seq: 0 },
  'notes:list': { conversationId: ID },
  'note:add': { conversationId: ID, clientId: clientId(), text: 'a note' },
  'conversation:transfer': { conversationId: ID, toUserId: ID, note: '' },
  'conversation:close': { conversationId: ID, reason: 'resolved' },
};

const allows = (row: Permission, role: Role) => (PERMISSIONS[row] as readonly Role[]).includes(role);

describe('the permission table, row by row', () => {
  let server: TestServer;
  let db: mongoose.Connection;
  const cookies = {} as Record<Role, string>;
  const sockets: Array<{ close(): unknown }> = [];

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_SENDER: '0', RATE_LIMIT_PER_IP: '0' });
    db = await openDb(server.dbName);
    cookies.admin = await signIn(server);
    cookies.agent = (await signedInUser(server, db, 'agent')).cookie;
    cookies.editor = (await signedInUser(server, db, 'editor')).cookie;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await db.close();
    await server.close();
  });

  it('covers every socket event and every /api route with a row, and every row it names exists', () => {
    expect(Object.keys(EVENT_SAMPLES).sort()).toEqual(Object.keys(agentRequests).sort());
    // The shop webhook answers to the shop's signature, not to a role (tests/integration/shop-webhook.test.ts);
    // the widget's file routes and a visitor's own export and erasure to the visitor token
    // (tests/integration/attachments.test.ts, visitor-self-service.test.ts).
    const visitorTokenRoutes = ['GET /api/privacy/visitor/export', 'POST /api/privacy/visitor/erase'];
    const routes = apiRoutes(server.app).filter(
      (route) => !route.startsWith('POST /api/webhooks/') && !route.includes(' /api/files/visitor') && !visitorTokenRoutes.includes(route),
    );
    expect(
      routes.filter((route) => !REST.some((r) => r.route === route)),
      'add these routes to the table',
    ).toEqual([]);
    expect(
      REST.filter((r) => !routes.includes(r.route)).map((r) => r.route),
      'stale rows',
    ).toEqual([]);
    for (const row of Object.values(AGENT_EVENT_PERMISSIONS)) expect(PERMISSIONS).toHaveProperty([row]);
  });

  it("serves exactly the /api routes of the contract's route table", () => {
    const served = apiRoutes(server.app).map((route) => route.replace(/\/$/, ''));
    const table = allRoutes.filter((route) => route.path.startsWith('/api/')).map((route) => `${route.method} ${route.path}`);
    expect(served.sort()).toEqual(table.sort());
  });

  describe.each(REST)('$route ($row)', ({ route, row, body, fresh }) => {
    const { method, path } = concrete(route);
    it('refuses anonymous callers unless public', async () => {
      const res = await requestPath(server, method, path, { body });
      if (row === 'public') expect([401, 403]).not.toContain(res.status);
      else
        expect({ status: res.status, code: (res.body as { error?: { code: string } })?.error?.code }).toEqual({
          status: 401,
          code: 'unauthorized',
        });
    });

    it.each(ROLES)('as %s: allowed exactly when the row names the role', async (role) => {
      const cookie = fresh ? (await signedInUser(server, db, role)).cookie : cookies[role];
      const res = await requestPath(server, method, path, { cookie, body });
      const allowed = row === 'public' || allows(row, role);
      if (allowed) expect([401, 403], `${role} ${method} ${path} answered ${res.status}`).not.toContain(res.status);
      else
        expect({ status: res.status, code: (res.body as { error?: { code: string } })?.error?.code }).toEqual({
          status: 403,
          code: 'forbidden',
        });
    });
  });

  it('refuses an anonymous /agent socket at the handshake', async () => {
    const socket = connectAgent(server);
    sockets.push(socket);
    const error = await connected(socket).then(
      () => null,
      (err: { data?: { code?: string } }) => err,
    );
    expect(error?.data?.code).toBe('unauthorized');
  });

  describe.each(ROLES)('/agent socket as %s', (role) => {
    let socket: AgentSocket;
    beforeAll(async () => {
      socket = await agentSocket(server, cookies[role], sockets);
    });

    it.each(Object.keys(EVENT_SAMPLES) as Array<keyof typeof EVENT_SAMPLES>)('%s checks its row', async (event) => {
      const ack = await request(socket, event, EVENT_SAMPLES[event]);
      const row = AGENT_EVENT_PERMISSIONS[event];
      if (allows(row, role)) expect(ack.ok ? 'ok' : ack.error.code, `${role} ${event}`).not.toBe('forbidden');
      else expect(ack.ok ? 'ok' : ack.error.code, `${role} ${event}`).toBe('forbidden');
    });
  });

  it('gives a visitor socket none of the agent events', async () => {
    const { socket } = await joinAsVisitor(server);
    sockets.push(socket);
    for (const event of [
      'conversations:list',
      'note:add',
      'notes:list',
      'conversation:close',
      'conversation:transfer',
      'availability:set',
    ]) {
      const ack = await request(socket, event, EVENT_SAMPLES[event as keyof typeof EVENT_SAMPLES]);
      expect(ack.ok ? 'ok' : ack.error.code, event).toBe('unknown_event');
    }
  });
});
