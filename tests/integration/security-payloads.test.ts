import { gzipSync } from 'node:zlib';
import type mongoose from 'mongoose';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Ack } from '../../shared/contract';
import { sign, webhookMessage } from '../../server/edge/signature';
import { openDb } from '../helpers/kb';
import { reportAttacks, storedDocumentProblems, syncedVisitor, visitorFrom } from '../helpers/security';
import { postWebhook, siteSecret } from '../helpers/shop';
import { clientId, connected, request, signIn, startTestServer, type TestServer, type VisitorSocket } from '../helpers/test-server';

/** Oversized and malformed input: a stable code every time, and the server keeps serving. */
let server: TestServer;
let db: mongoose.Connection;
let tried = 0;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_PER_SENDER: '0', RATE_LIMIT_PER_IP: '0' });
  db = await openDb(server.dbName);
});
afterAll(async () => {
  await db?.close();
  await server?.close();
});

const CODES = new Set<string>(ErrorCode.options.filter((c) => c !== 'internal'));
const healthy = async () => (await fetch(`${server.url}/healthz`)).status;
const deep = (depth: number, leaf: unknown = 'x'): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};
const deepArrayJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObjectJson = (depth: number) => `{"body":${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}}`;

describe('malformed and oversized socket payloads', () => {
  let visitor: VisitorSocket;
  beforeAll(async () => {
    visitor = (await syncedVisitor(visitorFrom(server, '127.0.0.1'))).socket;
  });
  afterAll(() => visitor?.disconnect());

  it('answers wrong types, huge strings, deep nesting and binary with a code', async () => {
    const payloads: unknown[] = [
      null,
      true,
      0,
      -1,
      1e308,
      Number.NaN,
      '',
      'x'.repeat(50_000),
      [],
      [[[]]],
      {},
      { clientId: clientId(), text: 'x'.repeat(50_000) },
      { clientId: 'x'.repeat(10_000), text: 'hi' },
      { clientId: clientId(), text: ['hi'] },
      { clientId: clientId(), text: 12 },
      { clientId: clientId(), text: null },
      { clientId: clientId(), text: deep(2_000) },
      deep(3_000),
      { clientId: clientId(), text: Buffer.from('binary \u0000 data') },
      Buffer.alloc(1024, 0xff),
      { clientId: clientId(), text: '\u0000\u0001\u0002' },
      { clientId: clientId(), text: '\ud800 lone surrogate' },
      { clientId: clientId(), text: ' \u200b\u200e\u202e ' },
    ];
    for (const event of ['message:send', 'track', 'visitor:identify', 'visitor:contact', 'kb:search']) {
      for (const payload of payloads) {
        const ack = await request<unknown>(visitor, event, payload);
        tried += 1;
        if (!ack.ok) expect(CODES.has(ack.error.code), `${event} → ${ack.error.code}`).toBe(true);
      }
    }
    // Extra arguments, no acknowledgement, odd event names.
    // Untyped on purpose: clients can send what the contract's types forbid.
    const loose = visitor as unknown as Socket;
    loose.emit('message:send', { clientId: clientId(), text: 'no ack wanted' });
    const extra = (await loose
      .timeout(5000)
      .emitWithAck('message:send', { clientId: clientId(), text: 'hi' }, 'second', 3)) as Ack<unknown>;
    expect(extra.ok).toBe(true);
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'x'.repeat(10_000), '']) {
      const ack = await request(visitor, name, {});
      expect(ack).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
      tried += 1;
    }
    tried += 2;
    expect(await healthy()).toBe(200);
    expect((await request(visitor, 'message:send', { clientId: clientId(), text: 'still here' })).ok).toBe(true);
  });

  it('closes a socket that sends a frame over 64 KB, and the server stays up', async () => {
    const big = await syncedVisitor(visitorFrom(server, '127.0.0.1'));
    const closed = new Promise<string>((resolve) => big.socket.on('disconnect', (reason) => resolve(reason)));
    (big.socket as unknown as Socket).emit('message:send', { clientId: clientId(), text: 'x'.repeat(70 * 1024) });
    expect(await closed).toBe('transport close');
    tried += 1;
    big.socket.disconnect();
    expect(await healthy()).toBe(200);
    expect(await db.collection('messages').countDocuments({ text: /^x{1000}/ })).toBe(0);
  });

  it('closes a socket that sends an unparseable packet, and the server stays up', async () => {
    const raw = await syncedVisitor(visitorFrom(server, '127.0.0.1'));
    const closed = new Promise<string>((resolve) => raw.socket.on('disconnect', (reason) => resolve(reason)));
    // A Socket.IO EVENT packet for /visitor whose JSON is cut off.
    (raw.socket.io.engine as unknown as { write(data: string): void }).write('2/visitor,["message:send",{"text":');
    expect(await closed).toMatch(/close|error/);
    tried += 1;
    raw.socket.disconnect();
    expect(await healthy()).toBe(200);
    const fresh = visitorFrom(server, '127.0.0.1');
    await connected(fresh);
    fresh.disconnect();
  });

  it('refuses malformed handshakes with a code', async () => {
    for (const auth of [
      { siteKey: { $ne: null } },
      { siteKey: 'x'.repeat(5_000) },
      { siteKey: server.demoSiteKey, token: 'x'.repeat(5_000) },
      {},
    ]) {
      const socket = visitorFrom(server, '127.0.0.1', auth as { siteKey: string });
      const outcome = await connected(socket).then(
        () => 'connected',
        (err: { data?: { code?: string } }) => err.data?.code ?? 'none',
      );
      // An oversized token is simply no identity: the visitor starts anew.
      expect(['invalid_payload', 'site_unknown', 'connected'], JSON.stringify(auth).slice(0, 60)).toContain(outcome);
      tried += 1;
      socket.disconnect();
    }
  });
});

describe('malformed and oversized HTTP bodies', () => {
  const post = (path: string, body: RequestInit['body'], headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers, body });

  it('answers each with a stable status and code', async () => {
    const cookie = await signIn(server);
    const cases: Array<[string, RequestInit['body'], Record<string, string> | undefined, number, string]> = [
      ['over the 64 KB limit', JSON.stringify({ body: 'x'.repeat(70 * 1024) }), undefined, 413, 'payload_too_large'],
      ['10 MB', 'x'.repeat(10 * 1024 * 1024), undefined, 413, 'payload_too_large'],
      ['not JSON', '{"body": ', undefined, 400, 'invalid_payload'],
      ['JSON of the wrong type', '"just a string"', undefined, 400, 'invalid_payload'],
      ['an array', '[1,2,3]', undefined, 400, 'invalid_payload'],
      ['null', 'null', undefined, 400, 'invalid_payload'],
      ['deep nesting', deepObjectJson(10_000), undefined, 400, 'invalid_payload'],
      ['deeply nested arrays', deepArrayJson(30_000), undefined, 400, 'invalid_payload'],
      ['binary', new Uint8Array(4096).map((_, i) => (i * 37) % 256), undefined, 400, 'invalid_payload'],
      ['binary as octet-stream', new Uint8Array(64).fill(1), { 'content-type': 'application/octet-stream' }, 400, 'invalid_payload'],
      ['form-encoded', 'body=hello', { 'content-type': 'application/x-www-form-urlencoded' }, 400, 'invalid_payload'],
      ['text/plain', '{"body":"hi"}', { 'content-type': 'text/plain' }, 400, 'invalid_payload'],
      ['a huge string field', JSON.stringify({ body: 'x'.repeat(60_000) }), undefined, 400, 'invalid_payload'],
      ['a number for a string', JSON.stringify({ body: 42 }), undefined, 400, 'invalid_payload'],
      [
        'a gzip bomb (10 MB of zeros in 10 KB)',
        gzipSync(Buffer.alloc(10 * 1024 * 1024)),
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        413,
        'payload_too_large',
      ],
      [
        'an unknown content encoding',
        '{"body":"hi"}',
        { 'content-type': 'application/json', 'content-encoding': 'br, x-custom' },
        400,
        'invalid_payload',
      ],
    ];
    for (const [name, body, headers, status, code] of cases) {
      for (const path of ['/api/kb/preview', '/api/kb/articles', '/api/auth/sign-in']) {
        const res = await post(path, body, { cookie, ...(headers ?? { 'content-type': 'application/json' }) });
        tried += 1;
        expect(res.status, `${name} to ${path}`).toBe(status);
        expect(await res.json(), `${name} to ${path}`).toMatchObject({ error: { code } });
      }
    }
    expect(await healthy()).toBe(200);
  });

  it('refuses an oversized or malformed signed webhook with a code and stores nothing', async () => {
    const secret = await siteSecret(server.dbName);
    const tooBig = await postWebhook(server, secret, { type: 'referral', customerId: 'x'.repeat(40_000) });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    for (const rawBody of ['{"type":', 'null', '[]', '"order"', '\u0000\u0001', deepObjectJson(5_000)]) {
      // Correctly signed, so the body itself is what gets judged.
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = sign(secret, webhookMessage(String(timestamp), Buffer.from(rawBody)));
      const res = await postWebhook(server, secret, null, { rawBody, timestamp, signature });
      expect(res.status, rawBody.slice(0, 20)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_payload' } });
      tried += 1;
    }
    tried += 1;
    expect(await db.collection('orders').countDocuments()).toBe(0);
  });

  it('stored nothing invalid and is still healthy', async () => {
    expect(await healthy()).toBe(200);
    expect(await storedDocumentProblems(db)).toEqual([]);
    reportAttacks('oversized and malformed payloads', tried, 'sockets, REST bodies, handshakes and the webhook');
  });
});
