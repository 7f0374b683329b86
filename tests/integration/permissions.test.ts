import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentRequests, type Role } from '../../shared/contract';
import { AGENT_EVENT_PERMISSIONS, PERMISSIONS, type Permission } from '../../server/agents/permissions';
import { openDb } from '../helpers/kb';
import { agentSocket, call, signedInUser } from '../helpers/workplace';
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
 * needed; `signed-in`: any role. `fresh`: the call ends the session, so each role uses a new one.
 * Bodies are empty or invalid where the route would change something: the check comes first, so an
 * allowed role gets past it to a validation error and a refused one never reaches the handler.
 */
const REST: Array<{ method: string; path: string; row: Permission | 'public' | 'signed-in'; body?: unknown; fresh?: boolean }> = [
  { method: 'POST', path: '/api/auth/sign-in', row: 'public', body: {} },
  { method: 'POST', path: '/api/auth/sign-out', row: 'public', fresh: true },
  { method: 'GET', path: '/api/auth/me', row: 'signed-in' },
  { method: 'POST', path: '/api/auth/invite/peek', row: 'public', body: { token: 'x'.repeat(32) } },
  { method: 'POST', path: '/api/auth/invite/accept', row: 'public', body: {} },
  { method: 'POST', path: '/api/auth/password', row: 'account:self', body: {} },
  { method: 'POST', path: '/api/auth/sign-out-everywhere', row: 'account:self', fresh: true },
  { method: 'GET', path: '/api/users', row: 'users:manage' },
  { method: 'POST', path: '/api/users', row: 'users:manage', body: {} },
  { method: 'PATCH', path: `/api/users/${ID}`, row: 'users:manage', body: {} },
  { method: 'POST', path: `/api/users/${ID}/deactivate`, row: 'users:manage' },
  { method: 'POST', path: `/api/users/${ID}/reactivate`, row: 'users:manage' },
  { method: 'POST', path: `/api/users/${ID}/invite`, row: 'users:manage' },
  { method: 'GET', path: '/api/canned', row: 'canned:use' },
  { method: 'POST', path: '/api/canned', row: 'canned:manage', body: {} },
  { method: 'PUT', path: '/api/canned/nothing', row: 'canned:manage', body: {} },
  { method: 'DELETE', path: '/api/canned/nothing', row: 'canned:manage' },
  { method: 'GET', path: '/api/settings', row: 'settings:manage' },
  { method: 'PUT', path: '/api/settings', row: 'settings:manage', body: { autoAwayMinutes: -1 } },
  { method: 'POST', path: '/api/settings/rotate-secret', row: 'settings:manage' },
  { method: 'GET', path: '/api/kb/articles', row: 'kb:read' },
  { method: 'POST', path: '/api/kb/articles', row: 'kb:draft', body: {} },
  { method: 'GET', path: `/api/kb/articles/${ID}`, row: 'kb:read' },
  { method: 'PUT', path: `/api/kb/articles/${ID}`, row: 'kb:draft', body: {} },
  { method: 'POST', path: `/api/kb/articles/${ID}/publish`, row: 'kb:publish' },
  { method: 'POST', path: `/api/kb/articles/${ID}/unpublish`, row: 'kb:publish' },
  { method: 'GET', path: `/api/kb/articles/${ID}/revisions`, row: 'kb:read' },
  { method: 'POST', path: `/api/kb/articles/${ID}/revisions/1/restore`, row: 'kb:draft' },
  { method: 'POST', path: '/api/kb/preview', row: 'kb:read', body: { body: '# hi' } },
  { method: 'GET', path: '/api/kb/signals', row: 'kb:signals' },
  { method: 'GET', path: '/api/analytics/funnel?from=2025-03-01&to=2025-03-31', row: 'analytics:read' },
];

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

  it('covers every socket event with a row, and every row it names exists', () => {
    expect(Object.keys(EVENT_SAMPLES).sort()).toEqual(Object.keys(agentRequests).sort());
    for (const row of Object.values(AGENT_EVENT_PERMISSIONS)) expect(PERMISSIONS).toHaveProperty([row]);
  });

  describe.each(REST)('$method $path ($row)', ({ method, path, row, body, fresh }) => {
    it('refuses anonymous callers unless public', async () => {
      const res = await call(server, method, path, { body });
      if (row === 'public') expect([401, 403]).not.toContain(res.status);
      else expect({ status: res.status, code: (res.body as { error?: { code: string } })?.error?.code }).toEqual({ status: 401, code: 'unauthorized' });
    });

    it.each(ROLES)('as %s: allowed exactly when the row names the role', async (role) => {
      const cookie = fresh ? (await signedInUser(server, db, role)).cookie : cookies[role];
      const res = await call(server, method, path, { cookie, body });
      const allowed = row === 'public' || row === 'signed-in' || allows(row, role);
      if (allowed) expect([401, 403], `${role} ${method} ${path} answered ${res.status}`).not.toContain(res.status);
      else expect({ status: res.status, code: (res.body as { error?: { code: string } })?.error?.code }).toEqual({ status: 403, code: 'forbidden' });
    });
  });

  it('refuses an anonymous /agent socket at the handshake', async () => {
    const socket = connectAgent(server);
    sockets.push(socket);
    const error = await connected(socket).then(() => null, (err: { data?: { code?: string } }) => err);
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
    for (const event of ['conversations:list', 'note:add', 'notes:list', 'conversation:close', 'conversation:transfer', 'availability:set']) {
      const ack = await request(socket, event, EVENT_SAMPLES[event as keyof typeof EVENT_SAMPLES]);
      expect(ack.ok ? 'ok' : ack.error.code, event).toBe('unknown_event');
    }
  });
});
