import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_PAGE_SIZE, type AuditEntry, type AuditQuery } from '../../shared/contract';
import { allRoutes, routes } from '../../shared/contract/routes';
import { auditEntries } from '../../server/data';
import { openDb } from '../helpers/kb';
import { visitorWithEmail } from '../helpers/mail';
import { call } from '../helpers/rest';
import {
  ADMIN,
  type AgentSocket,
  connectAgent,
  connected,
  request,
  signIn,
  startTestServer,
  type TestServer,
} from '../helpers/test-server';
import { requestPath, signedInUser } from '../helpers/workplace';

let server: TestServer;
let db: mongoose.Connection;
let cookie: string;
let adminId: string;
let agent: AgentSocket;
const started = Date.now();

beforeAll(async () => {
  server = await startTestServer();
  db = await openDb(server.dbName);
  cookie = await signIn(server);
  adminId = String((await db.collection('users').findOne({ email: ADMIN.email }))!._id);
  agent = connectAgent(server, cookie);
  await connected(agent);
});
afterAll(async () => {
  agent?.disconnect();
  await db?.close();
  await server?.close();
});

const list = async (query: AuditQuery = {}) => {
  const res = await call(server, routes.audit.list, { cookie, query });
  expect(res.status).toBe(200);
  return res.body;
};
/** The newest entry of an action, once the batch holding it is stored. */
async function newest(action: AuditEntry['action']): Promise<AuditEntry> {
  await expect.poll(async () => (await list({ action })).entries.length, { timeout: 5_000 }).toBeGreaterThan(0);
  return (await list({ action })).entries[0]!;
}
const byAdmin = { kind: 'user', id: expect.any(String), email: ADMIN.email, name: expect.any(String) };

function expectRecent(entry: AuditEntry): void {
  expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(started - 1_000);
  expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now());
  expect(entry.ip).toMatch(/127\.0\.0\.1|::1/);
}

describe('the audit trail records', () => {
  it('sign-ins, and failed sign-ins of known accounts (unknown emails name no site and are not recorded)', async () => {
    const signedIn = await newest('auth.signedIn');
    expect(signedIn).toMatchObject({ actor: { ...byAdmin, id: adminId }, target: { kind: 'user', id: adminId } });
    expectRecent(signedIn);

    expect((await call(server, routes.auth.signIn, { body: { ...ADMIN, password: 'wrong-password-1' } })).status).toBe(401);
    expect((await call(server, routes.auth.signIn, { body: { email: 'nobody@example.com', password: 'wrong-password-1' } })).status).toBe(
      401,
    );
    const failed = await newest('auth.signInFailed');
    expect(failed).toMatchObject({ actor: { id: adminId, email: ADMIN.email }, target: { id: adminId } });
    expectRecent(failed);
    expect(JSON.stringify((await list()).entries)).not.toContain('nobody@example.com');
  });

  it('settings changes by field, never the values, and a secret rotation without the secret', async () => {
    const res = await call(server, routes.settings.update, {
      cookie,
      body: {
        greeting: 'Hello from the audit test',
        retention: { conversationDays: null, visitorDays: null, analyticsDailyDays: 400, auditDays: 400 },
      },
    });
    expect(res.status).toBe(200);
    const changed = await newest('settings.changed');
    expect(changed).toMatchObject({ actor: byAdmin, details: { fields: 'greeting, retention.auditDays' } });
    expectRecent(changed);
    expect(JSON.stringify(changed)).not.toContain('Hello from the audit test');

    const rotated = await call(server, routes.settings.rotateSecret, { cookie });
    const entry = await newest('settings.secretRotated');
    expect(entry).toMatchObject({ actor: byAdmin, target: { kind: 'site' } });
    expect(JSON.stringify(await list())).not.toContain(rotated.body.secret);
  });

  it('team changes: a user created, their role changed, deactivated', async () => {
    const created = await call(server, routes.users.create, {
      cookie,
      body: { email: 'new-agent@example.com', name: 'New Agent', role: 'agent', password: 'a-long-password-1' },
    });
    expect(created.status).toBe(201);
    const id = created.body.user.id;
    expect(await newest('team.userCreated')).toMatchObject({
      actor: byAdmin,
      target: { id, label: 'new-agent@example.com' },
      details: { role: 'agent' },
    });

    await call(server, routes.users.update, { cookie, params: { id }, body: { role: 'editor' } });
    const role = await newest('team.roleChanged');
    expect(role).toMatchObject({ actor: byAdmin, target: { id }, details: { from: 'agent', to: 'editor' } });
    expectRecent(role);

    await call(server, routes.users.deactivate, { cookie, params: { id } });
    expect(await newest('team.deactivated')).toMatchObject({ actor: byAdmin, target: { id } });
  });

  it('an agent opening a conversation, a page at a time', async () => {
    const visitor = await visitorWithEmail(server);
    visitor.socket.disconnect();
    const opens = AUDIT_PAGE_SIZE + 5;
    for (let i = 0; i < opens; i++) {
      const ack = await request(agent, 'conversation:open', { conversationId: visitor.conversationId });
      expect(ack.ok).toBe(true);
    }
    const query = { action: 'conversation.opened' } as const;
    const pages = async () => {
      const first = await list(query);
      return { first, second: first.next ? await list({ ...query, before: first.next }) : null };
    };
    // Entries are stored in batches and the newest come last: page through once every one is in.
    await expect
      .poll(
        async () => {
          const { first, second } = await pages();
          return first.entries.length + (second?.entries.length ?? 0);
        },
        { timeout: 5_000 },
      )
      .toBe(opens);
    const { first, second } = await pages();
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.entries[0]).toMatchObject({ actor: byAdmin, target: { kind: 'conversation', id: visitor.conversationId } });
    expectRecent(first.entries[0]!);
    expect(first.next).not.toBeNull();
    if (!second) throw new Error('no second page');
    const ids = [...first.entries, ...second.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(opens);
    expect(second.next).toBeNull();
  });

  it('filters by actor and by days', async () => {
    const mine = await list({ actor: ADMIN.email.toUpperCase() });
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.actor.email === ADMIN.email)).toBe(true);
    expect((await list({ actor: 'someone-else@example.com' })).entries).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await list({ from: tomorrow })).entries).toEqual([]);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await list({ to: yesterday })).entries).toEqual([]);
  });
});

describe('the audit trail', () => {
  it('exports CSV with every field quoted where needed and formulas neutralized', async () => {
    await call(server, routes.users.update, { cookie, params: { id: adminId }, body: { name: '=HYPERLINK("x", "boss")' } });
    await newest('team.userUpdated');
    await call(server, routes.settings.update, { cookie, body: { greeting: 'Once more' } });
    await expect.poll(async () => (await list({ action: 'settings.changed' })).entries.length).toBe(2);

    const res = await fetch(`${server.url}/api/audit/export.csv?action=settings.changed`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,action,actor_kind,actor_id,actor_email,actor_name,target_kind,target_id,target_label,details,ip');
    expect(lines).toHaveLength(3);
    // The newest first: made by the admin whose name now starts with "=", quoted and prefixed.
    expect(lines[1]).toContain(`,settings.changed,user,${adminId},${ADMIN.email},"'=HYPERLINK(""x"", ""boss"")",site,`);
    expect(lines[1]).toContain(',fields=greeting,');
    expect(lines[2]).toContain('"fields=greeting, retention.auditDays"');
  });

  it('cannot be changed through any route', async () => {
    const auditRoutes = allRoutes.filter((r) => r.path.startsWith('/api/audit'));
    expect(auditRoutes.map((r) => r.method)).toEqual(['GET', 'GET']);
    const { entries } = await list();
    const id = entries[0]!.id;
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of ['/api/audit', `/api/audit/${id}`, '/api/audit/export.csv']) {
        const res = await requestPath(server, method, path, { cookie, body: { action: 'auth.signedIn' } });
        expect([404, 405], `${method} ${path}`).toContain(res.status);
      }
    }
    expect((await list()).entries[0]).toEqual(entries[0]);
    // The data layer itself only inserts, reads and deletes whole days (retention).
    expect(Object.keys(auditEntries).sort()).toEqual(['insert', 'ofDay', 'removeDay']);
  });

  it('is for admins only', async () => {
    for (const role of ['agent', 'editor'] as const) {
      const user = await signedInUser(server, db, role);
      expect((await call(server, routes.audit.list, { cookie: user.cookie })).status).toBe(403);
      expect((await requestPath(server, 'GET', '/api/audit/export.csv', { cookie: user.cookie })).status).toBe(403);
    }
    expect((await call(server, routes.audit.list, {})).status).toBe(401);
    expect((await requestPath(server, 'GET', '/api/audit/export.csv')).status).toBe(401);
  });

  it('goes by its own retention: entries older than the audit days are deleted', async () => {
    // The sign-ins above are stored in a batch a moment later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = (await list()).entries.length;
    expect(before).toBeGreaterThan(0);
    // Audit days are 400 (set above): 200 days on, everything stays; 401 days on, it all goes.
    expect((await server.retention.runOnce(new Date(Date.now() + 200 * 86_400_000))).auditEntries).toBe(0);
    expect((await list()).entries.length).toBe(before);
    const stored = await db.collection('auditentries').countDocuments({});
    const counts = await server.retention.runOnce(new Date(Date.now() + 402 * 86_400_000));
    expect(counts.auditEntries).toBe(stored);
    expect(await db.collection('auditentries').countDocuments({})).toBe(0);
  });
});
