import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sign } from '../../server/edge/signature';
import { postWebhook, siteSecret, track } from '../helpers/shop';
import { joinAsVisitor, request, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let db: mongoose.Connection;
let secret: string;
let visitorId: string;

const order = (orderId: string) => ({ type: 'order', visitorId, orderId, total: 120, currency: 'EUR' });
const orders = () => db.collection('orders').countDocuments();

beforeAll(async () => {
  server = await startTestServer({ AT_RISK_SWEEP_MINUTES: '0.02' });
  db = await mongoose.createConnection(`${inject('mongoUri').replace(/\/$/, '')}/${server.dbName}`).asPromise();
  secret = await siteSecret(server.dbName);
  const { socket, session } = await joinAsVisitor(server);
  visitorId = session.visitorId;
  socket.close();
});

afterAll(async () => {
  await db.close();
  await server.close();
});

describe('the signed shop webhook', () => {
  it.each([
    ['a missing signature', { signature: null }],
    ['a wrong signature', { signature: 'ab'.repeat(32) }],
    ['a stale timestamp (over 5 minutes: 400 s)', { timestamp: Math.floor(Date.now() / 1000) - 400 }],
    ['a timestamp 400 s in the future', { timestamp: Math.floor(Date.now() / 1000) + 400 }],
    ['a tampered body', { rawBody: JSON.stringify({ type: 'order', visitorId: '0'.repeat(24), orderId: 'X', total: 1, currency: 'EUR' }) }],
  ])('refuses %s with 401 and stores nothing', async (_name, options) => {
    const res = await postWebhook(server, secret, order('T-1'), options);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_signature');
    expect(await orders()).toBe(0);
  });

  it('accepts a valid order once, refuses its replay, and counts a re-sent order once', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postWebhook(server, secret, order('A-1'), { timestamp });
    expect(first.status).toBe(201);
    const replay = await postWebhook(server, secret, order('A-1'), { timestamp });
    expect(replay.status).toBe(401);
    const resent = await postWebhook(server, secret, order('A-1'), { timestamp: timestamp + 1 });
    expect(resent.status).toBe(200);
    expect(await orders()).toBe(1);
    const visitor = await db.collection('visitors').findOne({ _id: new mongoose.Types.ObjectId(visitorId) });
    expect(visitor?.stage).toBe('support');
  });

  it('moves a customer to loyalty with a second order and to advocacy with a review', async () => {
    expect((await postWebhook(server, secret, order('A-2'))).status).toBe(201);
    let visitor = await db.collection('visitors').findOne({ _id: new mongoose.Types.ObjectId(visitorId) });
    expect(visitor?.stage).toBe('loyalty');
    expect((await postWebhook(server, secret, { type: 'review', visitorId, rating: 5 })).status).toBe(201);
    visitor = await db.collection('visitors').findOne({ _id: new mongoose.Types.ObjectId(visitorId) });
    expect(visitor?.stage).toBe('advocacy');
    expect(visitor?.stageHistory.map((c: { stage: string }) => c.stage)).toEqual(['awareness', 'support', 'loyalty', 'advocacy']);
  });

  it('rejects a well-signed body that breaks the contract, with a coded error', async () => {
    const res = await postWebhook(server, secret, { type: 'order', visitorId, orderId: 'B-1', total: -5, currency: 'EUR' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_payload');
  });
});

describe('identity verification', () => {
  it('trusts identify() only with the shop signature of the user id', async () => {
    const { socket } = await joinAsVisitor(server);
    const unsigned = await request<{ verified: boolean }>(socket, 'visitor:identify', { id: 'cust-42', name: 'Mo' });
    expect(unsigned).toEqual({ ok: true, data: { verified: false } });
    const forged = await request<{ verified: boolean }>(socket, 'visitor:identify', {
      id: 'cust-42',
      signature: sign('not-the-secret', 'cust-42'),
    });
    expect(forged).toEqual({ ok: true, data: { verified: false } });
    const signed = await request<{ verified: boolean }>(socket, 'visitor:identify', { id: 'cust-42', signature: sign(secret, 'cust-42') });
    expect(signed).toEqual({ ok: true, data: { verified: true } });
    socket.close();

    // The shop then reports an order by its own customer id, and it lands on this visitor.
    expect(
      (await postWebhook(server, secret, { type: 'order', customerId: 'cust-42', orderId: 'C-1', total: 30, currency: 'EUR' })).status,
    ).toBe(201);
    const visitor = await db.collection('visitors').findOne({ customerId: 'cust-42' });
    expect(visitor).toMatchObject({ name: 'Mo', identified: true, stage: 'support' });
  });
});

describe('the at-risk sweep', () => {
  it('marks a customer whose expected re-purchase is overdue, from their order history', async () => {
    const { socket, session } = await joinAsVisitor(server);
    await track(socket, { type: 'page_view', url: 'https://shop.example/', title: 'Home', pageType: 'content' });
    socket.close();
    const day = 86_400_000;
    const longAgo = (days: number) => new Date(Date.now() - days * day);
    await db.collection('visitors').updateOne(
      { _id: new mongoose.Types.ObjectId(session.visitorId) },
      {
        $set: {
          orders: [
            { orderId: 'O-1', total: 50, currency: 'EUR', at: longAgo(100) },
            { orderId: 'O-2', total: 50, currency: 'EUR', at: longAgo(70) },
          ],
          stage: 'loyalty',
        },
      },
    );
    const stored = () => db.collection('visitors').findOne({ _id: new mongoose.Types.ObjectId(session.visitorId) });
    // The sweep runs every 1.2 s (AT_RISK_SWEEP_MINUTES above).
    await expect.poll(async () => (await stored())?.stage, { timeout: 10_000 }).toBe('at_risk');
    expect(await stored()).toMatchObject({ stage: 'at_risk', atRiskReason: 'repurchase_overdue' });
  });
});
