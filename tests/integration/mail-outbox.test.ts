import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/contract/routes';
import { openDb } from '../helpers/kb';
import { reply, visitorWithEmail } from '../helpers/mail';
import { call } from '../helpers/rest';
import { type AgentSocket, connectAgent, connected, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { signedInUser } from '../helpers/workplace';

const dataDir = mkdtempSync(join(tmpdir(), 'lc-outbox-'));
let server: TestServer;
let db: mongoose.Connection;
let cookie: string;
let agent: AgentSocket;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: dataDir, REPLY_EMAIL_DELAY_SECONDS: '1' });
  db = await openDb(server.dbName);
  cookie = await signIn(server);
  agent = connectAgent(server, cookie);
  await connected(agent);
});
afterAll(async () => {
  agent?.disconnect();
  await db?.close();
  await server?.close();
});

describe('the outbox (no SMTP_URL)', () => {
  it('writes each mail as an .eml file under DATA_DIR/outbox and lists it, rendered, for admins only', async () => {
    const visitor = await visitorWithEmail(server);
    visitor.socket.disconnect();
    await reply(agent, visitor.conversationId, 'Yes. <script>alert(1)</script> Shipping is free.');
    const outbox = () => call(server, routes.mail.outbox, { cookie });
    await expect.poll(async () => (await outbox()).body.total, { timeout: 10_000 }).toBe(1);

    const site = await db.collection('sites').findOne({ publicKey: server.demoSiteKey });
    const files = readdirSync(join(dataDir, 'outbox', String(site!._id)));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{15}-[0-9a-f]{8}\.eml$/);

    const { body } = await outbox();
    expect(body).toMatchObject({ total: 1, page: 0, pageSize: 20 });
    const [mail] = body.mails;
    expect(mail).toMatchObject({ id: files[0], subject: 'New reply from Demo Shop', to: visitor.email });
    expect(mail!.text).toContain('Yes. <script>alert(1)</script> Shipping is free.');
    expect(mail!.html).toContain('Yes. &lt;script&gt;alert(1)&lt;/script&gt; Shipping is free.');
    expect(mail!.html).not.toMatch(/<script|<style|<html/i);
    expect(mail!.listUnsubscribe).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/mail\/unsubscribe\?t=[0-9a-f]{24}\.[\w-]{43}>$/);

    // Newest first, a page at a time.
    const second = await visitorWithEmail(server);
    second.socket.disconnect();
    await reply(agent, second.conversationId, 'Another answer.');
    await expect.poll(async () => (await outbox()).body.total, { timeout: 10_000 }).toBe(2);
    expect((await outbox()).body.mails.map((m) => m.to)).toEqual([second.email, visitor.email]);
    expect((await call(server, routes.mail.outbox, { cookie, query: { page: 1 } })).body.mails).toEqual([]);
  });

  it('refuses agents and editors, and anyone signed out', async () => {
    for (const role of ['agent', 'editor'] as const) {
      const user = await signedInUser(server, db, role);
      expect((await call(server, routes.mail.outbox, { cookie: user.cookie })).status).toBe(403);
    }
    expect((await call(server, routes.mail.outbox, {})).status).toBe(401);
  });
});
