// The answer bot's analytics report (issue 16): answered, confirmed, assumed and handed off per day,
// confirmed and assumed resolutions kept apart, with their shares of the answers; as JSON and CSV.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Message } from '../../shared/contract';
import type { BotReport } from '../../shared/contract/analytics';
import { routes } from '../../shared/contract/routes';
import type { AnalyticsFact, BotOutcome } from '../../server/analytics/facts';
import { AnalyticsRecorder } from '../../server/analytics/recorder';
import { createLogger } from '../../server/infra/logger';
import { call } from '../helpers/rest';
import { clientId, joinAsVisitor, request, signIn, startTestServer, type TestServer, type VisitorSocket } from '../helpers/test-server';

const at = (day: string) => new Date(`${day}T12:00:00Z`);

/** 10 answers on 3 March (4 confirmed, 3 assumed, 2 handed off, 1 without an outcome yet), 2 on 5 March, 1 on 20 March. */
function seededFacts(siteId: string): AnalyticsFact[] {
  const bot = (day: string, outcome: BotOutcome, n: number): AnalyticsFact[] =>
    Array.from({ length: n }, () => ({ type: 'bot', siteId, at: at(day), outcome }));
  return [
    ...bot('2025-03-03', 'answered', 10),
    ...bot('2025-03-03', 'confirmed', 4),
    ...bot('2025-03-03', 'assumed', 3),
    ...bot('2025-03-03', 'handed_off', 2),
    ...bot('2025-03-05', 'answered', 2),
    ...bot('2025-03-05', 'assumed', 2),
    ...bot('2025-03-20', 'answered', 1),
    ...bot('2025-03-20', 'handed_off', 1),
  ];
}

const zeros = { answered: 0, confirmed: 0, assumed: 0, handedOff: 0 };

describe('analytics: the answer bot', () => {
  let server: TestServer;
  let admin: string;
  const sockets: VisitorSocket[] = [];

  async function report(from: string, to: string): Promise<BotReport> {
    const res = await call(server, routes.analytics.report, { cookie: admin, params: { report: 'bot' }, query: { from, to } });
    expect(res.status).toBe(200);
    return res.body as BotReport;
  }

  beforeAll(async () => {
    // Tests start with the bot off; an answer counts as assumed after 1 s of quiet instead of 10 minutes (an operator's setting).
    server = await startTestServer({ ANSWER_BOT_ASSUMED_AFTER_SECONDS: '1' });
    admin = await signIn(server);
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: admin } });
    const siteId = ((await me.json()) as { user: { siteId: string } }).user.siteId;
    const redis = new Redis(inject('redisUrl'), { keyPrefix: `${server.dbName}:` });
    const recorder = new AnalyticsRecorder(redis, createLogger('silent'));
    for (const fact of seededFacts(siteId)) await recorder.record(fact);
    redis.disconnect();
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.close();
  });

  it('counts each outcome per day (quiet days as zeros), with the totals and the shares of the answers', async () => {
    const r = await report('2025-03-02', '2025-03-06');
    expect(r.interval).toBe('day');
    expect(r.series).toEqual([
      { period: '2025-03-02', ...zeros },
      { period: '2025-03-03', answered: 10, confirmed: 4, assumed: 3, handedOff: 2 },
      { period: '2025-03-04', ...zeros },
      { period: '2025-03-05', answered: 2, confirmed: 0, assumed: 2, handedOff: 0 },
      { period: '2025-03-06', ...zeros },
    ]);
    expect(r.totals).toEqual({ answered: 12, confirmed: 4, assumed: 5, handedOff: 2 });
    // Confirmed and assumed apart, never one "resolved".
    expect(r).toMatchObject({ confirmedRate: 4 / 12, assumedRate: 5 / 12, handedOffRate: 2 / 12 });
    expect(r).not.toHaveProperty('resolvedRate');

    const empty = await report('2024-01-01', '2024-01-03');
    expect(empty.series).toEqual(['2024-01-01', '2024-01-02', '2024-01-03'].map((period) => ({ period, ...zeros })));
    expect(empty).toMatchObject({ totals: zeros, confirmedRate: null, assumedRate: null, handedOffRate: null });
  });

  it('charts long ranges per week (Mondays)', async () => {
    const r = await report('2025-01-01', '2025-03-31');
    expect(r.interval).toBe('week');
    expect(r.series[0]!.period).toBe('2024-12-30');
    expect(r.series.filter((p) => p.answered > 0)).toEqual([
      { period: '2025-03-03', answered: 12, confirmed: 4, assumed: 5, handedOff: 2 },
      { period: '2025-03-17', answered: 1, confirmed: 0, assumed: 0, handedOff: 1 },
    ]);
    expect(r.totals).toEqual({ answered: 13, confirmed: 4, assumed: 5, handedOff: 3 });
  });

  it('exports the report as CSV, confirmed and assumed in columns of their own', async () => {
    const res = await fetch(`${server.url}/api/analytics/bot.csv?from=2025-03-03&to=2025-03-05`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="analytics-bot-2025-03-03-2025-03-05.csv"');
    expect(await res.text()).toBe(
      [
        'day,answered,confirmed,assumed,handed_off',
        '2025-03-03,10,4,3,2',
        '2025-03-04,0,0,0,0',
        '2025-03-05,2,0,2,0',
        'total,12,4,5,2',
        'share_of_answered,,0.3333,0.4167,0.1667',
        '',
      ].join('\r\n'),
    );
  });

  it('counts what the product records: the bot switched on through the settings API, then confirmed, assumed and handed off', async () => {
    const bad = await call(server, routes.settings.update, { cookie: admin, body: { answerBot: { enabled: true, threshold: 0.3 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('answerBot.threshold: at least 0.5 (50 %)');
    const saved = await call(server, routes.settings.update, { cookie: admin, body: { answerBot: { enabled: true, threshold: 0.8 } } });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.answerBot).toEqual({ enabled: true, threshold: 0.8 });

    const visitor = async (question: string) => {
      const { socket } = await joinAsVisitor(server);
      sockets.push(socket);
      const pushed: Message[] = [];
      socket.on('message:new', (message) => pushed.push(message));
      const ack = await request(socket, 'message:send', { clientId: clientId(), text: question });
      expect(ack.ok).toBe(true);
      await expect.poll(() => pushed.filter((m) => m.author === 'bot').length, { timeout: 2000, interval: 20 }).toBe(1);
      return { socket, answer: pushed.find((m) => m.author === 'bot')! };
    };
    const helped = await visitor('How long does shipping take?');
    expect((await request(helped.socket, 'bot:helped', { messageId: helped.answer.id })).ok).toBe(true);
    const handedOff = await visitor('What is your return policy?');
    expect((await request(handedOff.socket, 'message:send', { clientId: clientId(), text: 'I want to talk to a human' })).ok).toBe(true);
    await visitor('How do I track my order?');

    const today = new Date().toISOString().slice(0, 10);
    await expect
      .poll(async () => (await report(today, today)).totals, { timeout: 10_000, interval: 200 })
      .toEqual({ answered: 3, confirmed: 1, assumed: 1, handedOff: 1 });
    const r = await report(today, today);
    expect(r.series).toEqual([{ period: today, answered: 3, confirmed: 1, assumed: 1, handedOff: 1 }]);
    expect(r).toMatchObject({ confirmedRate: 1 / 3, assumedRate: 1 / 3, handedOffRate: 1 / 3 });
  });
});
