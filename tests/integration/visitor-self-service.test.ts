// A visitor's own data requests (issue 18, item 3): export and erase at once from the device that holds
// the visitor token, or through a signed link mailed to the visitor's address and confirmed on its
// page. Real MongoDB, Redis, SMTP server (smtp-server) and bull queues; every action in the audit trail.
import Bull from 'bull';
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { escapeHtml } from '../../server/mail/html';
import { DATA_REQUEST_LIMITS } from '../../server/edge/rate-limits';
import { routes } from '../../shared/contract';
import { type DataRequestKey, dataRequestCatalogs } from '../../shared/i18n/catalogs/data-request';
import type { LocaleCode } from '../../shared/i18n/locales';
import { translate } from '../../shared/i18n/translate';
import { openDb } from '../helpers/kb';
import { call } from '../helpers/rest';
import { documentsNaming, emailOf, NOTE, oid, redisNaming, says, seededVisitor } from '../helpers/privacy';
import { secondTenant } from '../helpers/security';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';
import { clientId, joinAsVisitor, request, signIn, startTestServer, type TestServer } from '../helpers/test-server';

const SITE_NAME = 'Demo Shop';
const LINK = /http:\/\/127\.0\.0\.1:\d+\/privacy\/visitor\?t=[\w.-]+/;

let smtp: SmtpReceiver;
let server: TestServer;
let db: Connection;
let redis: Redis;
let mailQueue: Bull.Queue;
let cookie: string;
let siteId: string;
const sockets: Array<{ close(): unknown }> = [];

const seeded = (tag: string, email?: string) => seededVisitor(server, db, cookie, sockets, tag, email);
const text = (locale: LocaleCode, key: DataRequestKey) => translate(dataRequestCatalogs[locale], key, { site: SITE_NAME, hours: 24 });
/** The same page text as the HTML carries it. */
const shown = (locale: LocaleCode, key: DataRequestKey) => escapeHtml(text(locale, key));

const withToken = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
const exportWith = (token: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${routes.privacy.visitorExport.path}`, { headers: withToken(token, headers) });
const eraseWith = (token: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${routes.privacy.visitorErase.path}`, { method: 'POST', headers: withToken(token, headers) });

/** Asks for a link as the widget does (from the client address `ip`, so each test has its own rate budget). */
function askForLink(body: Record<string, unknown>, ip: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${routes.privacy.visitorLink.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...headers },
    body: JSON.stringify({ siteKey: server.demoSiteKey, ...body }),
  });
}

/** The link of the only mail `address` received, once it has arrived. */
async function mailedLink(address: string): Promise<string> {
  await expect.poll(() => smtp.to(address).length, { timeout: 10_000 }).toBe(1);
  const link = LINK.exec(smtp.to(address)[0]!.parsed.text ?? '')?.[0];
  expect(link).toBeDefined();
  return link!;
}

/** The data-request mail jobs the queue ran (each names the visitors it was for). */
async function dataRequestJobs(): Promise<Array<{ visitorIds: string[]; action: string }>> {
  const jobs = await mailQueue.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
  return jobs.filter((job) => job?.name === 'data-request').map((job) => job.data);
}

/** The audit entry of the visitor's own `action` (an admin's of the same visitor is another). */
const auditOf = (action: string, visitorId: string) =>
  db.collection('auditentries').findOne({ action, targetId: visitorId, actorKind: 'visitor' });

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Demo shop <chat@shop.example>' });
  db = await openDb(server.dbName);
  redis = new Redis(inject('redisUrl'));
  mailQueue = new Bull('mail', inject('redisUrl'), { prefix: `${server.dbName}:bull` });
  cookie = await signIn(server);
  siteId = String((await db.collection('sites').findOne({ publicKey: server.demoSiteKey }))!._id);
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await mailQueue?.close();
  redis?.disconnect();
  await db?.close();
  await server?.close();
  await smtp?.close();
});

describe('from the device that holds the visitor token', () => {
  it("downloads the admin export's file of that visitor, nothing of another, and records it as the visitor's own", async () => {
    const mine = await seeded('device-export');
    const other = await seeded('device-other');
    const res = await exportWith(mine.token, { origin: 'https://shop.example', 'x-forwarded-for': '198.51.100.7' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="visitor-${mine.visitorId}.json"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const body = await res.text();
    const file = JSON.parse(body) as Record<'conversations' | 'messages' | 'notes', Array<Record<string, unknown>>> & {
      format: string;
      visitor: Record<string, unknown>;
    };
    expect(file.format).toBe('lifecycle-chat.visitor-export.v1');
    expect(file.visitor._id).toBe(mine.visitorId);
    expect(file.conversations.map((c) => c._id)).toEqual([mine.conversationId]);
    expect(file.messages.map((m) => m.text)).toContain(says('device-export'));
    expect(file.notes.map((n) => n.text)).toEqual([`${NOTE} device-export`]);
    for (const theirs of [other.visitorId, other.conversationId, says('device-other'), emailOf('device-other')]) {
      expect(body).not.toContain(theirs);
    }
    // The admin's export of the same visitor is the same file (up to its time stamp).
    const admin = await fetch(`${server.url}/api/visitors/${mine.visitorId}/export`, { headers: { cookie } });
    const adminFile = (await admin.json()) as Record<string, unknown>;
    expect({ ...file, exportedAt: null }).toEqual({ ...adminFile, exportedAt: null });

    await expect
      .poll(() => auditOf('visitor.exported', mine.visitorId))
      .toMatchObject({
        actorKind: 'visitor',
        actorId: mine.visitorId,
        details: { via: 'device' },
        ip: '198.51.100.7',
      });
  });

  it('answers the preflight of a shop page and refuses a missing or forged token with unauthorized', async () => {
    const preflight = await fetch(`${server.url}${routes.privacy.visitorErase.path}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const { token } = await seeded('forged');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const res of [
      await fetch(`${server.url}${routes.privacy.visitorExport.path}`),
      await exportWith('not-a-token'),
      await exportWith(flipped),
      await eraseWith(flipped),
    ]) {
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([401, 'unauthorized']);
    }
  });

  it("cannot reach another site's visitor: a token acts on its own visitor only, from pages its site allows", async () => {
    const siteB = await secondTenant(server);
    try {
      await siteB.db.collection('sites').updateOne({ _id: siteB.siteId }, { $set: { allowedOrigins: ['https://b.example'] } });
      const alice = await seeded('site-a');
      const { socket, session: carol } = await joinAsVisitor(siteB.reach, {}, { origin: 'https://b.example' });
      sockets.push(socket);
      const sent = await request(socket, 'message:send', { clientId: clientId(), text: 'carol-private-6061' });
      expect(sent.ok).toBe(true);

      // Site B's visitor exports site B's visitor: nothing of site A.
      const theirs = await exportWith(carol.token, { origin: 'https://b.example' });
      expect(theirs.status).toBe(200);
      const body = await theirs.text();
      expect(body).toContain('carol-private-6061');
      for (const secret of [alice.visitorId, alice.conversationId, says('site-a')]) expect(body).not.toContain(secret);
      // From a page site B does not allow, its token does nothing.
      for (const res of [
        await exportWith(carol.token, { origin: 'https://evil.example' }),
        await eraseWith(carol.token, { origin: 'https://evil.example' }),
      ]) {
        expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([403, 'origin_not_allowed']);
      }
      // Site B's erasure removes site B's visitor, and site A's stays whole.
      expect(await (await eraseWith(carol.token)).json()).toEqual({ status: 'erased' });
      expect(await siteB.db.collection('visitors').countDocuments({ _id: oid(carol.visitorId) })).toBe(0);
      expect(await db.collection('visitors').countDocuments({ _id: oid(alice.visitorId) })).toBe(1);
      expect(await db.collection('messages').countDocuments({ conversationId: oid(alice.conversationId) })).toBeGreaterThan(0);
      // Site A's link request never finds site B's visitors, nor site B's request site A's.
      const before = (await dataRequestJobs()).length;
      expect(
        (
          await askForLink({ siteKey: siteB.publicKey, email: emailOf('site-a'), action: 'export' }, '198.51.100.20', {
            origin: 'https://b.example',
          })
        ).status,
      ).toBe(202);
      expect(
        (await askForLink({ email: emailOf('site-a'), action: 'export' }, '198.51.100.20', { origin: 'https://evil.example' })).status,
      ).toBe(202);
      await expect.poll(() => smtp.to(emailOf('site-a')).length, { timeout: 10_000 }).toBe(1);
      expect((await dataRequestJobs()).length).toBe(before + 1);
      // From a page site B does not allow, nobody asks for its visitors' links.
      const refused = await askForLink({ siteKey: siteB.publicKey, email: emailOf('site-a'), action: 'export' }, '198.51.100.20', {
        origin: 'https://evil.example',
      });
      expect(refused.status).toBe(403);
    } finally {
      await siteB.db.close();
    }
  });

  it('erases the visitor as the admin erasure does, records it as their own request, and refuses the token afterwards', async () => {
    const { visitorId, conversationId, token, socket } = await seeded('device-erase');
    const ids = [visitorId, conversationId];
    const needles = [...ids, emailOf('device-erase'), 'zebrafinch' + 'device-erase', `${NOTE} device-erase`];
    expect((await documentsNaming(db, needles)).length).toBeGreaterThan(0);

    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    const res = await eraseWith(token, { origin: 'https://shop.example' });
    expect([res.status, await res.json()]).toEqual([200, { status: 'erased' }]);
    await disconnected;

    expect(await documentsNaming(db, needles.slice(2))).toEqual([]);
    const left = await documentsNaming(db, ids);
    expect(left.filter((doc) => !doc.startsWith('auditentries:'))).toEqual([]);
    expect(await redisNaming(redis, server.dbName, needles)).toEqual([]);
    // The trail says the visitor asked from their device; it keeps no address of someone who asked to be forgotten.
    await expect
      .poll(() => auditOf('visitor.erased', visitorId))
      .toMatchObject({
        actorKind: 'visitor',
        actorId: visitorId,
        details: { via: 'device' },
        ip: null,
      });

    for (const again of [await exportWith(token), await eraseWith(token)]) {
      expect([again.status, ((await again.json()) as { error: { code: string } }).error.code]).toEqual([404, 'not_found']);
    }
  });
});

describe('through a link mailed to the address', () => {
  it('answers 202 alike for an unknown address and sends it nothing', async () => {
    const { visitorId } = await seeded('known');
    const before = await dataRequestJobs();
    const unknown = await askForLink({ email: 'nobody-here@example.com', action: 'erase' }, '198.51.100.30');
    const known = await askForLink({ email: emailOf('known'), action: 'erase' }, '198.51.100.30');
    for (const res of [unknown, known]) expect([res.status, await res.json()]).toEqual([202, { sent: true }]);
    // The known address's mail arrives; the unknown one's would have been queued before it.
    await mailedLink(emailOf('known'));
    expect(smtp.to('nobody-here@example.com')).toEqual([]);
    const after = await dataRequestJobs();
    expect(after.length - before.length).toBe(1);
    expect(after.filter((job) => job.visitorIds.includes(visitorId))).toHaveLength(1);
    // Nothing in Redis names the unknown address (its rate count is kept under a hash).
    expect(await redisNaming(redis, server.dbName, ['nobody-here@example.com'])).toEqual([]);
  });

  it('refuses what is not a request: a bad address or action, or an unknown site', async () => {
    for (const body of [
      { email: 'not an address', action: 'export' },
      { email: 'a@example.com', action: 'delete' },
      { email: 'a@example.com', action: 'export', locale: 'xx' },
    ]) {
      const res = await askForLink(body, '198.51.100.40');
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([400, 'invalid_payload']);
    }
    const unknownSite = await askForLink({ siteKey: 'no-such-site', email: 'a@example.com', action: 'export' }, '198.51.100.40');
    expect([unknownSite.status, ((await unknownSite.json()) as { error: { code: string } }).error.code]).toEqual([404, 'site_unknown']);
  });

  it('mails one link for every visitor with the address; opening it changes nothing; confirming downloads one file of them all', async () => {
    const address = 'twice-here@example.com';
    const first = await seeded('link-export-1', address);
    const second = await seeded('link-export-2', address);
    const stranger = await seeded('link-export-stranger');
    const res = await askForLink({ email: address.toUpperCase(), action: 'export', locale: 'cs' }, '198.51.100.50');
    expect(res.status).toBe(202);
    const link = await mailedLink(address);
    const mail = smtp.to(address)[0]!.parsed;
    expect(mail.subject).toBe(text('cs', 'mail.subject.export'));
    expect(mail.text).toContain(text('cs', 'mail.validity'));
    expect(mail.html).toContain(`href="${link}"`);

    // A mail scanner (or the visitor) opens the link: a page in the visitor's language with one button, and nothing happens.
    const opened = await fetch(link);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toBe('no-store');
    const page = await opened.text();
    expect(page).toContain('<html lang="cs"');
    expect(page).toContain(shown('cs', 'page.export'));
    expect(page.match(/<form method="post" action="\/privacy\/visitor\?t=[\w.-]+"><button type="submit">/g)).toHaveLength(1);
    expect(await auditOf('visitor.exported', first.visitorId)).toBeNull();

    const confirmed = await fetch(link, { method: 'POST', headers: { 'x-forwarded-for': '198.51.100.51' } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.get('content-disposition')).toMatch(/^attachment; filename="visitor-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const body = await confirmed.text();
    const bundle = JSON.parse(body) as { format: string; visitors: Array<{ visitor: { _id: string }; messages: Array<{ text: string }> }> };
    expect(bundle.format).toBe('lifecycle-chat.visitor-export-bundle.v1');
    expect(bundle.visitors.map((file) => file.visitor._id).sort()).toEqual([first.visitorId, second.visitorId].sort());
    expect(bundle.visitors.flatMap((file) => file.messages.map((m) => m.text))).toEqual(
      expect.arrayContaining([says('link-export-1'), says('link-export-2')]),
    );
    for (const theirs of [stranger.visitorId, stranger.conversationId, says('link-export-stranger')]) expect(body).not.toContain(theirs);
    for (const { visitorId } of [first, second]) {
      await expect
        .poll(() => auditOf('visitor.exported', visitorId))
        .toMatchObject({
          actorKind: 'visitor',
          details: { via: 'email' },
          ip: '198.51.100.51',
        });
    }
  });

  it('erases on confirmation, not on opening; confirming again says it is done', async () => {
    const { visitorId, conversationId } = await seeded('link-erase');
    expect((await askForLink({ email: emailOf('link-erase'), action: 'erase' }, '198.51.100.60')).status).toBe(202);
    const link = await mailedLink(emailOf('link-erase'));
    expect(smtp.to(emailOf('link-erase'))[0]!.parsed.subject).toBe(text('en', 'mail.subject.erase'));

    const opened = await fetch(link);
    expect(await opened.text()).toContain(shown('en', 'page.erase'));
    expect(await db.collection('visitors').countDocuments({ _id: oid(visitorId) })).toBe(1);

    const confirmed = await fetch(link, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain(shown('en', 'page.erased'));
    const needles = [emailOf('link-erase'), 'zebrafinch' + 'link-erase', `${NOTE} link-erase`];
    expect(await documentsNaming(db, needles)).toEqual([]);
    expect((await documentsNaming(db, [visitorId, conversationId])).filter((doc) => !doc.startsWith('auditentries:'))).toEqual([]);
    // The mail job that named the visitor went with them.
    expect(await redisNaming(redis, server.dbName, [visitorId, conversationId, ...needles])).toEqual([]);
    await expect
      .poll(() => auditOf('visitor.erased', visitorId))
      .toMatchObject({ actorKind: 'visitor', details: { via: 'email' }, ip: null });

    const again = await fetch(link, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain(shown('en', 'page.erased'));
    expect(await db.collection('auditentries').countDocuments({ action: 'visitor.erased', targetId: visitorId })).toBe(1);
  });

  it('refuses an expired link with 410 and a forged or altered one with 400, each as a page, and does nothing', async () => {
    const { visitorId } = await seeded('link-refused');
    const other = await seeded('link-refused-other');
    const scope = { siteId, visitorIds: [visitorId], action: 'erase' as const, locale: 'ru' as const };
    const expired = await server.dataRequestLinks.link(scope, Date.now() - 25 * 3600_000);
    for (const method of ['GET', 'POST']) {
      const res = await fetch(expired, { method });
      expect(res.status).toBe(410);
      expect(await res.text()).toContain(shown('ru', 'page.expired'));
    }
    const valid = await server.dataRequestLinks.link(scope, Date.now());
    const token = new URL(valid).searchParams.get('t')!;
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const widened = Buffer.from(JSON.stringify({ ...claims, vis: [visitorId, other.visitorId] })).toString('base64url');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const base = `${server.url}/privacy/visitor`;
    for (const link of [
      `${base}?t=${header}.${widened}.${signature}`,
      `${base}?t=${header}.${payload}.${flipped}`,
      `${base}?t=garbage`,
      base,
    ]) {
      for (const method of ['GET', 'POST']) {
        const res = await fetch(link, { method, headers: { 'accept-language': 'pl-PL,pl;q=0.9' } });
        expect(res.status).toBe(400);
        const page = await res.text();
        expect(page).toContain(shown('pl', 'page.invalid'));
        expect(page).not.toMatch(/at \w+ \(|node_modules/);
      }
    }
    expect(await db.collection('visitors').countDocuments({ _id: { $in: [oid(visitorId), oid(other.visitorId)] } })).toBe(2);
    expect(await db.collection('auditentries').countDocuments({ targetId: { $in: [visitorId, other.visitorId] } })).toBe(0);
    // Untouched, the link still works (nothing above spent it).
    expect((await fetch(valid)).status).toBe(200);
  });

  it(`mails an address at most ${DATA_REQUEST_LIMITS.perAddress} links an hour, and refuses a client past ${DATA_REQUEST_LIMITS.perIp} requests`, async () => {
    const { visitorId } = await seeded('link-flood');
    for (let i = 0; i <= DATA_REQUEST_LIMITS.perAddress; i++) {
      const res = await askForLink({ email: emailOf('link-flood'), action: 'export' }, '198.51.100.70');
      expect([res.status, await res.json()]).toEqual([202, { sent: true }]);
    }
    await expect.poll(() => smtp.to(emailOf('link-flood')).length, { timeout: 10_000 }).toBe(DATA_REQUEST_LIMITS.perAddress);
    expect((await dataRequestJobs()).filter((job) => job.visitorIds.includes(visitorId))).toHaveLength(DATA_REQUEST_LIMITS.perAddress);

    for (let i = 0; i < DATA_REQUEST_LIMITS.perIp; i++) {
      expect((await askForLink({ email: `flood-${i}@example.com`, action: 'erase' }, '198.51.100.71')).status).toBe(202);
    }
    const refused = await askForLink({ email: 'one-more@example.com', action: 'erase' }, '198.51.100.71');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });
});

describe('consent mode, as the widget asks for it', () => {
  const privacyOf = (siteKey: string) =>
    fetch(`${server.url}${routes.widget.privacy.path}?site=${siteKey}`, { headers: { origin: 'https://shop.example' } });

  it('is public, readable from any shop page, sets nothing, and follows the Privacy settings', async () => {
    const off = await privacyOf(server.demoSiteKey);
    expect(off.status).toBe(200);
    expect(off.headers.get('access-control-allow-origin')).toBe('*');
    expect(off.headers.get('set-cookie')).toBeNull();
    expect(await off.json()).toEqual({ consentRequired: false, policyUrl: null });

    const privacy = { consentRequired: true, policyUrl: 'https://shop.example/privacy' };
    const saved = await call(server, routes.settings.update, { cookie, body: { privacy } });
    expect(saved.body.settings.privacy).toEqual(privacy);
    try {
      expect(await (await privacyOf(server.demoSiteKey)).json()).toEqual(privacy);
      // A policy page must be a web address.
      const refused = await call(server, routes.settings.update, {
        cookie,
        body: { privacy: { ...privacy, policyUrl: 'javascript:alert(1)' } },
      });
      expect(refused.status).toBe(400);
    } finally {
      await call(server, routes.settings.update, { cookie, body: { privacy: { consentRequired: false, policyUrl: null } } });
    }
    expect((await privacyOf('pk_nobody')).status).toBe(404);
  });
});
