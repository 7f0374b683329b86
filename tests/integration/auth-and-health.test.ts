import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, connectAgent, connected, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const signInWith = (body: unknown) =>
  fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('agent sign-in', () => {
  it('rejects a wrong password and an unknown email the same way', async () => {
    for (const body of [
      { ...ADMIN, password: 'wrong-password' },
      { email: 'nobody@example.com', password: 'whatever1' },
    ]) {
      const res = await signInWith(body);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'bad_credentials' } });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('signs in with an httpOnly cookie, serves /me and the agent socket, and signs out', async () => {
    const res = await signInWith(ADMIN);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ user: { email: ADMIN.email, role: 'admin' } });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;

    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const socket = connectAgent(server, cookie);
    await connected(socket);
    socket.disconnect();

    const out = await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    const after = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const refused = connectAgent(server, cookie);
    await expect(connected(refused)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
    refused.disconnect();
  });

  it('stores the password as a salted argon2id hash', async () => {
    const { UserModel } = await import('../../server/data/models/user.model');
    const user = await UserModel.findOne({ email: ADMIN.email }).lean();
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user?.passwordHash).not.toContain(ADMIN.password);
  });
});

describe('GET /healthz', () => {
  it('reports the database and Redis as up', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });
});

describe('first run', () => {
  it('serves the demo shop with the widget embedded by its one script tag', async () => {
    for (const path of ['/demo', '/demo/product/trail-runner-shoes', '/demo/cart', '/demo/checkout']) {
      const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(200);
      const page = await res.text();
      expect(page).toContain(`<script src="/widget.js" data-site="${server.demoSiteKey}" async></script>`);
    }
    expect(await (await fetch(`${server.url}/demo/checkout`)).text()).toContain('Place order');
    expect(await (await fetch(`${server.url}/demo/product/trail-runner-shoes`)).text()).toContain('Add to cart');
  });
});
