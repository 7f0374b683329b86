import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CsatReport, EscalationsReport, FunnelReport, KbReport, ResponseTimesReport } from '../../shared/contract/analytics';
import type { HesitationKind, Stage } from '../../shared/lifecycle';
import { hashPassword } from '../../server/agents/passwords';
import { DAY_MODELS } from '../../server/data/models/analytics-day.model';
import { FAMILIES, type AnalyticsFact } from '../../server/analytics/facts';
import { dailyPipeline, totalsPipeline } from '../../server/data/analytics-pipelines';
import { AnalyticsRecorder } from '../../server/analytics/recorder';
import { createLogger } from '../../server/infra/logger';
import { postWebhook, siteSecret, track } from '../helpers/shop';
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
  type VisitorSocket,
} from '../helpers/test-server';

const at = (day: string) => new Date(`${day}T12:00:00Z`);
const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);

/** Known facts on a site's days of March 2025, and one on 20 March, outside the narrow range. */
function seededFacts(siteId: string): AnalyticsFact[] {
  const cohort = at('2025-03-03');
  const reached = (...stages: Stage[]): AnalyticsFact => ({ type: 'stages_reached', siteId, cohortAt: cohort, stages });
  const hesitation = (
    kind: HesitationKind,
    outcome: 'prompted' | 'capped' | 'below_threshold' | 'in_chat',
    purchased: boolean,
  ): AnalyticsFact[] => [
    { type: 'hesitation', siteId, at: at('2025-03-04'), kind, outcome },
    ...(purchased ? [{ type: 'hesitation_purchase', siteId, at: at('2025-03-04'), kind, outcome } as AnalyticsFact] : []),
  ];
  const search = (query: string, locale: string, results: number): AnalyticsFact => ({
    type: 'kb_search',
    siteId,
    at: at('2025-03-07'),
    locale,
    query,
    results,
  });
  return [
    ...times(10, () => reached('awareness')),
    ...times(6, () => reached('engagement', 'evaluation')),
    ...times(4, () => reached('purchase')),
    ...times(2, () => reached('support')),
    reached('loyalty'),
    reached('at_risk'),
    ...times(5, () => ({ type: 'stages_reached', siteId, cohortAt: at('2025-03-20'), stages: ['awareness'] }) as AnalyticsFact),
    ...hesitation('checkout_idle', 'prompted', true),
    ...hesitation('checkout_idle', 'prompted', true),
    ...hesitation('checkout_idle', 'prompted', false),
    ...hesitation('checkout_idle', 'prompted', false),
    ...hesitation('exit_intent', 'capped', true),
    ...hesitation('exit_intent', 'capped', false),
    ...times(3, () => hesitation('shipping_loop', 'below_threshold', false)).flat(),
    ...hesitation('price_question', 'in_chat', false),
    ...[10, 20, 45, 200, 5000].map((seconds): AnalyticsFact => ({ type: 'first_response', siteId, at: at('2025-03-05'), seconds })),
    ...[600, 7200].map((seconds): AnalyticsFact => ({ type: 'resolution', siteId, at: at('2025-03-05'), seconds })),
    ...[5, 4].map((rating): AnalyticsFact => ({ type: 'csat', siteId, at: at('2025-03-02'), rating })),
    ...[1, 5, 5].map((rating): AnalyticsFact => ({ type: 'csat', siteId, at: at('2025-03-06'), rating })),
    ...times(8, (): AnalyticsFact => ({ type: 'kb_view', siteId, at: at('2025-03-07') })),
    ...times(3, (): AnalyticsFact => ({ type: 'kb_deflection', siteId, at: at('2025-03-07') })),
    { type: 'kb_escalation', siteId, at: at('2025-03-07') },
    search('returns', 'en', 3),
    search('returns', 'en', 3),
    search('free shipping', 'en', 0),
    search('free shipping', 'en', 0),
    search('=cmd', 'ru', 0),
    ...(['answered', 'answered', 'confirmed'] as const).map(
      (outcome): AnalyticsFact => ({ type: 'bot', siteId, at: at('2025-03-07'), outcome }),
    ),
  ];
}

describe('analytics', () => {
  let server: TestServer;
  let admin: string;
  let siteId: string;
  let redis: Redis;
  const sockets: Array<VisitorSocket | AgentSocket> = [];

  const get = (path: string, cookie: string | null = admin) =>
    fetch(`${server.url}/api/analytics/${path}`, { headers: cookie ? { cookie } : {} });
  async function report<T>(name: string, from: string, to: string): Promise<T> {
    const res = await get(`${name}?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signIn(server);
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: admin } });
    siteId = ((await me.json()) as { user: { siteId: string } }).user.siteId;
    redis = new Redis(inject('redisUrl'), { keyPrefix: `${server.dbName}:` });
    const recorder = new AnalyticsRecorder(redis, createLogger('silent'));
    for (const fact of seededFacts(siteId)) await recorder.record(fact);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    redis.disconnect();
    await server.close();
  });

  it('funnel: the cohort first seen in the range, per stage reached, with conversion from the stage before', async () => {
    const funnel = await report<FunnelReport>('funnel', '2025-03-01', '2025-03-10');
    expect(funnel.stages).toEqual([
      { stage: 'awareness', visitors: 10, fromPrevious: null },
      { stage: 'engagement', visitors: 6, fromPrevious: 0.6 },
      { stage: 'evaluation', visitors: 6, fromPrevious: 1 },
      { stage: 'purchase', visitors: 4, fromPrevious: 4 / 6 },
      { stage: 'support', visitors: 2, fromPrevious: 0.5 },
      { stage: 'loyalty', visitors: 1, fromPrevious: 0.5 },
      { stage: 'advocacy', visitors: 0, fromPrevious: 0 },
    ]);
    expect(funnel.atRisk).toBe(1);
    const wider = await report<FunnelReport>('funnel', '2025-03-01', '2025-03-31');
    expect(wider.stages[0]).toEqual({ stage: 'awareness', visitors: 15, fromPrevious: null });
    const empty = await report<FunnelReport>('funnel', '2024-01-01', '2024-01-31');
    expect(empty.stages.every((s) => s.visitors === 0)).toBe(true);
  });

  it('escalations: hesitations prompted vs not, and the share followed by an order within 24 h', async () => {
    const r = await report<EscalationsReport>('escalations', '2025-03-01', '2025-03-10');
    expect(r.prompted).toEqual({ hesitations: 4, purchased: 2, purchaseRate: 0.5 });
    expect(r.notPrompted).toEqual({ hesitations: 6, purchased: 1, purchaseRate: 1 / 6 });
    expect(r.byOutcome).toEqual([
      { outcome: 'prompted', hesitations: 4, purchased: 2, purchaseRate: 0.5 },
      { outcome: 'below_threshold', hesitations: 3, purchased: 0, purchaseRate: 0 },
      { outcome: 'capped', hesitations: 2, purchased: 1, purchaseRate: 0.5 },
      { outcome: 'in_chat', hesitations: 1, purchased: 0, purchaseRate: 0 },
    ]);
    expect(r.byKind.find((k) => k.kind === 'cart_dwell')).toEqual({
      kind: 'cart_dwell',
      prompted: { hesitations: 0, purchased: 0, purchaseRate: null },
      notPrompted: { hesitations: 0, purchased: 0, purchaseRate: null },
    });
  });

  it('response times: histogram buckets and the buckets of the median and 90th percentile', async () => {
    const r = await report<ResponseTimesReport>('response-times', '2025-03-01', '2025-03-10');
    expect(r.firstResponse.buckets).toEqual([
      { upTo: 15, count: 1 },
      { upTo: 30, count: 1 },
      { upTo: 60, count: 1 },
      { upTo: 120, count: 0 },
      { upTo: 300, count: 1 },
      { upTo: 600, count: 0 },
      { upTo: 1800, count: 0 },
      { upTo: 3600, count: 0 },
      { upTo: null, count: 1 },
    ]);
    expect(r.firstResponse).toMatchObject({ count: 5, medianUpTo: 60, p90UpTo: null });
    expect(r.resolution).toMatchObject({ count: 2, medianUpTo: 900, p90UpTo: 14_400 });
  });

  it('CSAT: per day for short ranges, per week (Mondays) for long ones', async () => {
    const daily = await report<CsatReport>('csat', '2025-03-01', '2025-03-10');
    expect(daily.interval).toBe('day');
    expect(daily.series).toEqual([
      { period: '2025-03-02', responses: 2, average: 4.5, satisfied: 1 },
      { period: '2025-03-06', responses: 3, average: 11 / 3, satisfied: 2 / 3 },
    ]);
    expect(daily.ratings.map((r) => r.count)).toEqual([1, 0, 0, 1, 3]);
    expect(daily.average).toBe(4);
    const weekly = await report<CsatReport>('csat', '2025-01-01', '2025-03-31');
    expect(weekly.interval).toBe('week');
    expect(weekly.series.map((p) => [p.period, p.responses])).toEqual([
      ['2025-02-24', 2],
      ['2025-03-03', 3],
    ]);
  });

  it('KB: deflection rate and the top content gaps', async () => {
    const r = await report<KbReport>('kb', '2025-03-01', '2025-03-10');
    expect(r).toMatchObject({ views: 8, deflections: 3, deflectionRate: 0.375, searches: 5, zeroResultSearches: 3 });
    expect(r.gaps).toEqual([
      { query: 'free shipping', locale: 'en', searches: 2 },
      { query: '=cmd', locale: 'ru', searches: 1 },
    ]);
  });

  it('exports each report as CSV, spreadsheet formulas defused', async () => {
    const res = await get('funnel.csv?from=2025-03-01&to=2025-03-10');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="analytics-funnel-2025-03-01-2025-03-10.csv"');
    expect(await res.text()).toBe(
      [
        'stage,visitors,conversion_from_previous',
        'awareness,10,',
        'engagement,6,0.6',
        'evaluation,6,1',
        'purchase,4,0.6667',
        'support,2,0.5',
        'loyalty,1,0.5',
        'advocacy,0,0',
        'at_risk,1,',
        '',
      ].join('\r\n'),
    );
    const kb = await (await get('kb?from=2025-03-01&to=2025-03-10&format=csv')).text();
    expect(kb).toContain("content_gap,'=cmd,ru,1\r\n");
    for (const name of ['escalations', 'response-times', 'csat', 'bot']) {
      const csv = await get(`${name}.csv?from=2025-03-01&to=2025-03-10`);
      expect(csv.status).toBe(200);
      expect((await csv.text()).split('\r\n').length).toBeGreaterThan(2);
    }
  });

  it('runs every pipeline, for every family, on the embedded database', async () => {
    const range = { siteId, from: '2025-03-01', to: '2025-03-31' };
    for (const family of FAMILIES) {
      await expect(DAY_MODELS[family].aggregate(totalsPipeline(range))).resolves.not.toHaveLength(0);
      await expect(DAY_MODELS[family].aggregate(dailyPipeline(range))).resolves.not.toHaveLength(0);
    }
    expect(await DAY_MODELS.gaps.aggregate(totalsPipeline(range, 1))).toEqual([{ _id: 'en|free shipping', n: 2 }]);
    expect(await DAY_MODELS.csat.aggregate(dailyPipeline(range))).toEqual([
      { _id: { day: `${siteId}:2025-03-02`, key: '4' }, n: 1 },
      { _id: { day: `${siteId}:2025-03-02`, key: '5' }, n: 1 },
      { _id: { day: `${siteId}:2025-03-06`, key: '1' }, n: 1 },
      { _id: { day: `${siteId}:2025-03-06`, key: '5' }, n: 2 },
    ]);
  });

  it('admins only; a bad range or report is a coded 400', async () => {
    const db = mongoose.connection.db!;
    const site = await db.collection('sites').findOne({});
    for (const role of ['agent', 'editor']) {
      const email = `${role}@analytics.test`;
      await db.collection('users').insertOne({
        siteId: site!._id,
        email,
        name: role,
        role,
        passwordHash: await hashPassword('role-password-1'),
        active: true,
        availability: 'online',
        capacity: 5,
      });
      const res = await get('funnel?from=2025-03-01&to=2025-03-10', await signIn(server, { email, password: 'role-password-1' }));
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect((await get('funnel?from=2025-03-01&to=2025-03-10', null)).status).toBe(401);
    for (const bad of [
      'funnel?from=2025-03-10&to=2025-03-01',
      'funnel?from=March&to=2025-03-01',
      'funnel',
      'revenue?from=2025-03-01&to=2025-03-10',
    ]) {
      const res = await get(bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_payload' } });
    }
  });

  it('records the live lifecycle: first stages reached, hesitations prompted or capped, and the order that followed', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const browser = await joinAsVisitor(server);
    const buyer = await joinAsVisitor(server);
    sockets.push(browser.socket, buyer.socket);
    await track(browser.socket, { type: 'page_view', url: 'https://shop.example/', title: 'Home', pageType: 'content' });
    await track(buyer.socket, { type: 'page_view', url: 'https://shop.example/product/a', title: 'A', pageType: 'product' });
    await track(buyer.socket, { type: 'cart', items: 2, value: 150, currency: 'USD' });
    await track(buyer.socket, { type: 'exit_intent' });
    await track(buyer.socket, { type: 'exit_intent' });
    const res = await postWebhook(server, await siteSecret(server.dbName), {
      type: 'order',
      visitorId: buyer.session.visitorId,
      orderId: 'A-77',
      total: 150,
      currency: 'USD',
    });
    expect(res.status).toBe(201);

    const funnel = await report<FunnelReport>('funnel', today, today);
    expect(funnel.stages.map((s) => [s.stage, s.visitors])).toEqual([
      ['awareness', 2],
      ['engagement', 1],
      ['evaluation', 1],
      ['purchase', 1],
      ['support', 1],
      ['loyalty', 0],
      ['advocacy', 0],
    ]);
    const escalations = await report<EscalationsReport>('escalations', today, today);
    expect(escalations.byOutcome.filter((o) => o.hesitations > 0)).toEqual([
      { outcome: 'prompted', hesitations: 1, purchased: 1, purchaseRate: 1 },
      { outcome: 'capped', hesitations: 1, purchased: 1, purchaseRate: 1 },
    ]);
    // A second report re-reads the same days: nothing is counted twice.
    expect((await report<FunnelReport>('funnel', today, today)).stages[0]!.visitors).toBe(2);
  });

  it('records the first agent reply, the resolution time and the rating of a conversation', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const agent = connectAgent(server, admin);
    const { socket: visitor } = await joinAsVisitor(server);
    sockets.push(agent, visitor);
    await connected(agent);
    const must = async <T>(socket: AgentSocket | VisitorSocket, event: string, payload: unknown): Promise<T> => {
      const ack = await request<T>(socket, event, payload);
      if (!ack.ok) throw new Error(`${event}: ${ack.error.code}`);
      return ack.data;
    };
    const sent = await must<{ message: { conversationId: string } }>(visitor, 'message:send', {
      clientId: clientId(),
      text: 'Where is my parcel?',
    });
    const { conversationId } = sent.message;
    for (const text of ['Let me check.', 'It left the warehouse today.'])
      await must(agent, 'message:send', { conversationId, clientId: clientId(), text });
    await must(agent, 'conversation:close', { conversationId, reason: 'resolved' });
    await must(visitor, 'csat:submit', { conversationId, rating: 4, comment: '' });

    const times = await report<ResponseTimesReport>('response-times', today, today);
    expect(times.firstResponse).toMatchObject({ count: 1, medianUpTo: 15 });
    expect(times.resolution).toMatchObject({ count: 1, medianUpTo: 300 });
    const csat = await report<CsatReport>('csat', today, today);
    expect(csat.series).toEqual([{ period: today, responses: 1, average: 4, satisfied: 1 }]);
  });
});
