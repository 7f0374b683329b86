import { Redis } from 'ioredis';
import type mongoose from 'mongoose';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnalyticsReportName, CsatReport, FunnelReport, KbReport } from '../../shared/contract/analytics';
import { AnalyticsRecorder } from '../../server/analytics/recorder';
import {
  conversations,
  csatRatings,
  kbGaps,
  messages,
  notes,
  openConversations,
  orders,
  sites,
  visitors,
  type AnalyticsDay,
  type Conversation,
  type Family,
} from '../../server/data';
import { bulkImport } from '../../server/data/bulk-import';
import { createLogger } from '../../server/infra/logger';
import { openDb } from '../helpers/kb';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { routes } from '../../shared/contract/routes';
import { call } from '../helpers/rest';

// Retention deletes what a site keeps no longer — walking day buckets from a cursor — and rolls
// analytics days past the daily window into months that reports read the same.
const DAY_MS = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const monthAfter = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 7);

let server: TestServer;
let db: mongoose.Connection;
let redis: Redis;
let admin: string;
let siteId: Types.ObjectId;

beforeAll(async () => {
  server = await startTestServer();
  db = await openDb(server.dbName);
  redis = new Redis(inject('redisUrl'), { keyPrefix: `${server.dbName}:` });
  admin = await signIn(server);
  siteId = (await sites.byPublicKey(server.demoSiteKey))!._id;
});
afterAll(async () => {
  redis?.disconnect();
  await db?.close();
  await server?.close();
});

function visitor(lastSeenAt: Date) {
  return {
    _id: new Types.ObjectId(),
    siteId,
    name: 'Ana',
    email: 'ana@example.com',
    lastSeenAt,
    createdAt: lastSeenAt,
    updatedAt: lastSeenAt,
  };
}

function conversation(visitorId: Types.ObjectId, closedAt: Date | null): Partial<Conversation> & { _id: Types.ObjectId } {
  const startedAt = new Date((closedAt ?? now).getTime() - 3_600_000);
  return {
    _id: new Types.ObjectId(),
    siteId,
    visitorId,
    visitorName: 'Ana',
    status: closedAt ? 'closed' : 'open',
    closedAt,
    closeReason: closedAt ? 'resolved' : null,
    createdAt: startedAt,
    updatedAt: closedAt ?? startedAt,
  };
}

function messagesOf(conversationId: Types.ObjectId, count: number, at: Date) {
  return Array.from({ length: count }, (_, seq) => ({
    _id: `${conversationId.toHexString()}:m${seq}`,
    siteId,
    conversationId,
    clientId: `m${seq}`,
    seq,
    author: seq % 2 ? ('agent' as const) : ('visitor' as const),
    text: `message ${seq}`,
    createdAt: at,
  }));
}

/** What the tests seed, once the site exists. */
function fixtures() {
  const seen = {
    gone: visitor(ago(100)),
    withOldConversation: visitor(ago(100)),
    withRecentConversation: visitor(ago(100)),
    withOpenConversation: visitor(ago(100)),
    recent: visitor(ago(5)),
  };
  // More than one step's worth, closed on one day, each with its own visitor.
  const crowd = Array.from({ length: 230 }, () => visitor(ago(90)));
  return {
    seen,
    old: conversation(seen.withOldConversation._id, ago(100)),
    recent: conversation(seen.withRecentConversation._id, ago(10)),
    open: conversation(seen.withOpenConversation._id, null),
    crowd,
    crowdConversations: crowd.map((v) => conversation(v._id, ago(90))),
  };
}

describe('retention', () => {
  let fx: ReturnType<typeof fixtures>;

  // Analytics: two whole months past the 400-day window, and days inside it.
  const firstMonth = dayOf(ago(500)).slice(0, 7);
  const rolledMonths = [firstMonth, monthAfter(firstMonth)];
  const analyticsDays = [...rolledMonths.flatMap((m) => [`${m}-01`, `${m}-15`, `${m}-28`]), dayOf(ago(10)), dayOf(ago(1))];
  const range = { from: `${firstMonth}-01`, to: dayOf(now) };
  const rows: Partial<Record<Family, (i: number) => AnalyticsDay['rows']>> = {
    kb: (i) => [
      { key: 'views', n: 10 + i },
      { key: 'searches', n: 3 },
      { key: 'zeroResults', n: i % 2 },
    ],
    gaps: (i) =>
      i % 2
        ? [
            { key: 'en|free shipping', n: 1 },
            { key: `en|query ${i}`, n: i },
          ]
        : [],
    csat: (i) => [
      { key: String((i % 5) + 1), n: 2 },
      { key: '5', n: 1 },
    ],
    funnel: (i) => [
      { key: 'awareness', n: 20 },
      { key: 'engagement', n: 8 + i },
      { key: 'purchase', n: i },
    ],
  };

  async function report<T>(name: AnalyticsReportName, from = range.from, to = range.to): Promise<T> {
    const res = await call(server, routes.analytics.report, { cookie: admin, params: { report: name }, query: { from, to } });
    expect(res.status).toBe(200);
    return res.body as T;
  }
  const reports = async () => ({
    kb: await report<KbReport>('kb'),
    funnel: await report<FunnelReport>('funnel'),
    csat: (({ ratings, average }) => ({ ratings, average }))(await report<CsatReport>('csat')),
  });
  let before: Awaited<ReturnType<typeof reports>>;

  beforeAll(async () => {
    fx = fixtures();
    const { seen, old, recent, open, crowd, crowdConversations } = fx;
    await bulkImport.visitors([...Object.values(seen), ...crowd]);
    await bulkImport.conversations([old, recent, open, ...crowdConversations]);
    await bulkImport.openConversations([
      { _id: seen.withOpenConversation._id.toHexString(), conversationId: open._id, createdAt: ago(100) },
    ]);
    await bulkImport.messages([
      ...messagesOf(old._id, 5, ago(100)),
      ...messagesOf(recent._id, 3, ago(10)),
      ...messagesOf(open._id, 2, ago(100)),
      ...crowdConversations.flatMap((c) => messagesOf(c._id, 2, ago(90))),
    ]);
    await notes.add({
      siteId,
      conversationId: old._id,
      clientId: 'n1',
      kind: 'note',
      authorId: new Types.ObjectId(),
      authorName: 'Agent',
      text: 'called back',
    });
    await csatRatings.recordOnce(old as Conversation, null, 4, 'ok');
    for (const conversation of [old, recent]) {
      await kbGaps.record({
        siteId,
        conversationId: conversation._id,
        locale: 'en',
        text: 'gift wrap for parcels?',
        key: 'gift wrap parcels',
        at: ago(5),
      });
    }
    await orders.recordOnce({ siteId, orderId: 'O-1', visitorId: seen.gone._id, total: 10, currency: 'EUR' });
    await redis.set(`open-conversation:${seen.gone._id.toHexString()}`, new Types.ObjectId().toHexString());
    for (const [family, make] of Object.entries(rows) as Array<[Family, (i: number) => AnalyticsDay['rows']]>) {
      await bulkImport.analyticsDays(
        family,
        analyticsDays.map((day, i) => ({
          _id: `${siteId.toHexString()}:${day}`,
          siteId: siteId.toHexString(),
          day,
          lastBatch: 'import',
          rows: make(i),
        })),
      );
    }
    before = await reports();
  });

  it('is set through the settings API, refused with a readable reason when out of range', async () => {
    const refused = await call(server, routes.settings.update, {
      cookie: admin,
      body: { retention: { conversationDays: 0, visitorDays: null, analyticsDailyDays: 400 } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('Invalid request. retention.conversationDays: at least 1 day');
    expect((await call(server, routes.settings.get, { cookie: admin })).body.settings.retention).toEqual({
      conversationDays: null,
      visitorDays: null,
      analyticsDailyDays: 400,
    });

    const retention = { conversationDays: 60, visitorDays: 30, analyticsDailyDays: 400 };
    const saved = await call(server, routes.settings.update, { cookie: admin, body: { retention } });
    expect(saved.status).toBe(200);
    expect(saved.body.settings.retention).toEqual(retention);
  });

  it('derives the day a visitor was last seen on every write', async () => {
    const { seen } = fx;
    expect((await visitors.byId(seen.recent._id))?.lastSeenDay).toBe(dayOf(ago(5)));
    const created = await visitors.create({ siteId });
    expect(created.lastSeenDay).toBe(dayOf(new Date()));
    await visitors.update(seen.recent._id, (v) => ({ ...v, lastSeenAt: ago(4) }));
    expect((await db.collection('visitors').findOne({ _id: seen.recent._id }))?.lastSeenDay).toBe(dayOf(ago(4)));
  });

  // A pass over 230 conversations and visitors, deleted one by one in steps with pauses: slow on a busy machine.
  it('deletes old closed conversations with their messages, notes, content-gap questions and ratings, and the visitors nothing keeps', async () => {
    const { seen, old, recent, open, crowd, crowdConversations } = fx;
    const counts = await server.retention.runOnce(now);
    expect(counts).toEqual({ conversations: 1 + crowd.length, visitors: 2 + crowd.length, analyticsDays: 6 * 4, auditEntries: 0 });

    expect(await conversations.byId(old._id)).toBeNull();
    expect(await messages.latest(old._id, 10)).toEqual([]);
    expect(await notes.ofConversation(old._id, 10)).toEqual([]);
    expect(await db.collection('csats').countDocuments({ _id: old._id })).toBe(0);
    // Its content-gap question goes with it; a kept conversation keeps its own.
    expect(await db.collection('kbgaps').countDocuments({ conversationId: old._id })).toBe(0);
    expect(await db.collection('kbgaps').countDocuments({ conversationId: recent._id })).toBe(1);
    expect(await db.collection('conversations').countDocuments({ siteId, closedDay: dayOf(ago(90)) })).toBe(0);
    expect(await db.collection('messages').countDocuments({ conversationId: crowdConversations[0]!._id })).toBe(0);
    expect(await db.collection('visitors').countDocuments({ siteId, lastSeenDay: dayOf(ago(90)) })).toBe(0);

    for (const gone of [seen.gone, seen.withOldConversation]) expect(await visitors.byId(gone._id)).toBeNull();
    // The shop's order stays, naming the visitor's id only; Redis forgets the visitor.
    expect(await db.collection('orders').countDocuments({ orderId: 'O-1' })).toBe(1);
    expect(await redis.exists(`open-conversation:${seen.gone._id.toHexString()}`)).toBe(0);

    // Kept: a recent conversation and its visitor, an open conversation and its visitor, a recent visitor.
    expect(await conversations.byId(recent._id)).not.toBeNull();
    expect(await messages.latest(recent._id, 10)).toHaveLength(3);
    expect(await visitors.byId(seen.withRecentConversation._id)).not.toBeNull();
    expect(await conversations.byId(open._id)).toMatchObject({ status: 'open' });
    expect(await messages.latest(open._id, 10)).toHaveLength(2);
    expect(await openConversations.of(seen.withOpenConversation._id)).not.toBeNull();
    expect(await visitors.byId(seen.withOpenConversation._id)).not.toBeNull();
    expect(await visitors.byId(seen.recent._id)).not.toBeNull();
  }, 90_000);

  it('rolls analytics days past the daily window into months, and reports count the same', async () => {
    const site = siteId.toHexString();
    expect(await db.collection('analytics_kb').countDocuments({ siteId: site })).toBe(2);
    expect(await db.collection('analytics_months').countDocuments({ siteId: site, family: 'kb' })).toBe(2);
    expect(await reports()).toEqual(before);

    // A range starting inside a rolled month counts that month whole, and says so.
    const partial = await report<KbReport>('kb', `${firstMonth}-10`, range.to);
    expect(partial.from).toBe(`${firstMonth}-01`);
    expect(partial.views).toBe(before.kb.views);

    // A late count for a rolled day (an old cohort reaching a stage) lands in its month.
    await new AnalyticsRecorder(redis, createLogger('silent')).add(site, [{ day: `${firstMonth}-15`, family: 'kb', key: 'views', n: 3 }]);
    expect((await report<KbReport>('kb')).views).toBe(before.kb.views + 3);
    expect(await db.collection('analytics_kb').countDocuments({ siteId: site })).toBe(2);
  });

  it('is idempotent: a second pass deletes nothing more', async () => {
    const conversationsLeft = await db.collection('conversations').countDocuments({ siteId });
    const visitorsLeft = await db.collection('visitors').countDocuments({ siteId });
    expect(await server.retention.runOnce(now)).toEqual({ conversations: 0, visitors: 0, analyticsDays: 0, auditEntries: 0 });
    expect(await db.collection('conversations').countDocuments({ siteId })).toBe(conversationsLeft);
    expect(await db.collection('visitors').countDocuments({ siteId })).toBe(visitorsLeft);
    expect((await report<KbReport>('kb')).views).toBe(before.kb.views + 3);
  });
});
