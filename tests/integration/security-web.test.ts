import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../helpers/kb';
import { agentFrom, reportAttacks } from '../helpers/security';
import { postWebhook, siteSecret } from '../helpers/shop';
import { ADMIN, connected, joinAsVisitor, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let db: mongoose.Connection;
beforeAll(async () => {
  server = await startTestServer();
  db = await openDb(server.dbName);
});
afterAll(async () => {
  await db?.close();
  await server?.close();
});

const me = (cookie: string) => fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';

describe('sessions', () => {
  it('never honours a session cookie planted before sign-in (session fixation)', async () => {
    // An attacker's own valid session, planted in the victim's browser, and a made-up one.
    const attackers = await signIn(server);
    for (const planted of [attackers, 'lc_session=chosen-by-the-attacker']) {
      const res = await fetch(`${server.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: planted },
        body: JSON.stringify(ADMIN),
      });
      expect(res.status).toBe(200);
      const issued = cookieOf(res);
      expect(issued).toMatch(/^lc_session=[A-Za-z0-9_-]{43}$/);
      expect(issued).not.toBe(planted);
      expect((await me(planted)).status).toBe(401);
      expect((await me(issued)).status).toBe(200);
    }
  });

  it('sets the session cookie httpOnly and SameSite=Lax, and sign-out ends it on the server', async () => {
    const res = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const header = res.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    const cookie = cookieOf(res);
    expect((await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie } })).status).toBe(204);
    // Replaying the old cookie after sign-out does not work.
    expect((await me(cookie)).status).toBe(401);
  });
});

describe('cross-site request forgery', () => {
  const writes = [
    ['POST', '/api/auth/sign-out', undefined],
    ['POST', '/api/auth/sign-in', ADMIN],
    ['POST', '/api/kb/articles', { title: 'Forged', body: 'x', category: 'General', locale: 'en' }],
    ['POST', '/api/kb/preview', { body: 'x' }],
    ['POST', '/demo/api/orders', { lines: [{ slug: 'trail-runner-shoes', qty: 1 }] }],
  ] as const;
  const forgeries = [
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['an opaque Origin (sandboxed frame)', { origin: 'null' }],
    ['no Origin but Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['no Origin but Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
  ] as const;

  it('refuses every state-changing route sent by another website, and stores nothing', async () => {
    const cookie = await signIn(server);
    const articlesBefore = await db.collection('kbarticles').countDocuments();
    let tried = 0;
    for (const [method, path, body] of writes) {
      for (const [name, headers] of forgeries) {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { cookie, 'content-type': 'application/json', ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        expect(res.status, `${method} ${path} with ${name}`).toBe(403);
        expect(await res.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
        tried += 1;
      }
    }
    // The session survived the forged sign-out, and no forged article was stored.
    expect((await me(cookie)).status).toBe(200);
    expect(await db.collection('kbarticles').countDocuments()).toBe(articlesBefore);
    reportAttacks('cross-site forged writes', tried, `${writes.length} routes × ${forgeries.length} forgeries`);
  });

  it('accepts the same writes from the console itself', async () => {
    const cookie = await signIn(server);
    const own = { origin: server.url, 'sec-fetch-site': 'same-origin' };
    const preview = await fetch(`${server.url}/api/kb/preview`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', ...own },
      body: JSON.stringify({ body: '**hi**' }),
    });
    expect(preview.status).toBe(200);
    expect((await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie, ...own } })).status).toBe(204);
  });

  it('refuses agent sockets opened from another website (cross-site WebSocket hijacking)', async () => {
    const socket = agentFrom(server, await signIn(server), '127.0.0.1', 'https://evil.example');
    await expect(connected(socket)).rejects.toMatchObject({ data: { code: 'forbidden' } });
    socket.disconnect();
  });
});

describe('webhook replay', () => {
  it('accepts a signed webhook once and refuses the identical replay, storing one order', async () => {
    const secret = await siteSecret(server.dbName);
    const { socket, session } = await joinAsVisitor(server);
    socket.disconnect();
    const timestamp = Math.floor(Date.now() / 1000);
    const order = { type: 'order', visitorId: session.visitorId, orderId: 'R-1', total: 10, currency: 'EUR' };
    expect((await postWebhook(server, secret, order, { timestamp })).status).toBe(201);
    const replays = await Promise.all(Array.from({ length: 5 }, () => postWebhook(server, secret, order, { timestamp })));
    for (const replay of replays) {
      expect(replay.status).toBe(401);
      expect(await replay.json()).toMatchObject({ error: { code: 'bad_signature' } });
    }
    expect(await db.collection('orders').countDocuments({ orderId: 'R-1' })).toBe(1);
    reportAttacks('webhook replays', replays.length);
  });
});

describe('security headers', () => {
  it.each(['/console', '/demo', '/api/auth/me', '/healthz', '/widget.js'])('%s carries them', async (path) => {
    const res = await fetch(`${server.url}${path}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'self'",
      "base-uri 'self'",
      "script-src-attr 'none'",
      // https images only (product cards, logos): never plain http.
      "img-src 'self' data: https:",
    ]) {
      expect(csp, path).toContain(directive);
    }
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
