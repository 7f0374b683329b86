import { Types, type Connection } from 'mongoose';
import Bull from 'bull';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KbArticle, KbInsert, KbPublicArticle, KbSearchResult, KbSignalsResponse, Message } from '../../shared/contract';
import { kbArticleLookup } from '../../server/kb/article-lookup';
import { KnowledgeBase } from '../../server/kb/knowledge-base';
import { createLogger } from '../../server/infra/logger';
import { QueueRegistry } from '../../server/infra/queue-registry';
import { checkDeflection } from '../../server/kb/signals/deflection-queue';
import { addUser, kbApi, openDb } from '../helpers/kb';
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

describe('knowledge-base search: locales, one ranking for widget and console, inserts, signals', () => {
  let server: TestServer;
  let db: Connection;
  let editor: ReturnType<typeof kbApi>;
  let agent: AgentSocket;
  const sockets: Array<{ close(): unknown }> = [];

  beforeAll(async () => {
    server = await startTestServer();
    db = await openDb(server.dbName);
    editor = kbApi(server.url, await signIn(server, await addUser(db, 'editor')));
    agent = connectAgent(server, await signIn(server, await addUser(db, 'agent')));
    sockets.push(agent);
    await connected(agent);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await db.close();
    await server.close();
  });

  async function visitor() {
    const joined = await joinAsVisitor(server);
    sockets.push(joined.socket);
    return joined;
  }

  async function publish(article: Record<string, unknown>): Promise<string> {
    const created = await editor.create(article);
    const { id } = created.body.article as KbArticle;
    expect((await editor.publish(id)).status).toBe(200);
    return id;
  }

  async function search(socket: VisitorSocket | AgentSocket, query: string, locale?: string, extra: Record<string, unknown> = {}) {
    const ack = await request<KbSearchResult>(socket, 'kb:search', { query, locale, limit: 5, ...extra });
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data;
  }

  it('finds Czech and Polish articles from queries typed without diacritics', async () => {
    const { socket } = await visitor();
    const czech = await publish({
      title: 'Jaký způsob dopravy si mohu vybrat?',
      body: 'Nabízíme doručení kurýrem, na výdejní místo i osobní odběr v Třinci.',
      category: 'Doprava',
      locale: 'cs',
    });
    const polish = await publish({
      title: 'Jak zwrócić towar kupiony w sklepie?',
      body: 'Zwrot jest bezpłatny przez 30 dni. Paczkę nadasz w Łodzi lub w dowolnym punkcie.',
      category: 'Zwroty',
      locale: 'pl',
    });
    expect((await search(socket, 'zpusob dopravy', 'cs')).results[0]?.id).toBe(czech);
    expect((await search(socket, 'osobni odber trinec', 'cs')).results[0]?.id).toBe(czech);
    expect((await search(socket, 'zwrocic towar', 'pl')).results[0]?.id).toBe(polish);
    expect((await search(socket, 'paczka lodz', 'pl')).results[0]?.id).toBe(polish);
  });

  it('searches Persian (right to left) including Arabic letter variants and Persian digits', async () => {
    const { socket } = await visitor();
    const persian = await publish({
      title: 'پیگیری سفارش و زمان تحویل',
      body: 'سفارش شما ظرف ۳ روز کاری تحویل می‌شود. کد پیگیری را در ایمیل خود ببینید.',
      category: 'ارسال',
      locale: 'fa',
    });
    const result = await search(socket, 'پیگیری سفارش', 'fa');
    expect(result.locale).toBe('fa');
    expect(result.results[0]).toMatchObject({ id: persian, title: 'پیگیری سفارش و زمان تحویل' });
    // Arabic yeh/kaf instead of the Persian letters, as many keyboards type them.
    expect((await search(socket, 'كد پيگيري', 'fa')).results[0]?.id).toBe(persian);
    expect((await search(socket, 'تحویل 3 روز', 'fa')).results[0]?.id).toBe(persian);
    const read = await request<KbPublicArticle>(socket, 'kb:article', { id: persian });
    expect(read).toMatchObject({ ok: true, data: { locale: 'fa' } });
  });

  it('answers the console suggestion exactly what the widget search answers for the same question and locale', async () => {
    const { socket, session } = await visitor();
    const question = 'Hi, how long will delivery of my hoodie take?';
    const sent = await request<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text: question });
    expect(sent.ok).toBe(true);
    const conversationId = sent.ok ? sent.data.message.conversationId : '';

    for (const locale of ['en', 'ru', undefined]) {
      const suggested = await request<KbSearchResult & { query: string }>(agent, 'kb:suggest', { conversationId, locale, limit: 5 });
      const widget = await search(socket, question, locale, { mode: 'suggest' });
      const console = await search(agent, question, locale);
      expect(suggested.ok).toBe(true);
      if (!suggested.ok) return;
      expect(suggested.data.query).toBe(question);
      expect(suggested.data.results.length).toBeGreaterThan(0);
      expect(suggested.data.results).toEqual(widget.results);
      expect(console.results).toEqual(widget.results);
      expect(suggested.data.locale).toBe(widget.locale);
    }
    expect(session.conversationId === null || session.conversationId === conversationId).toBe(true);
  });

  it("inserts an article's canonical excerpt and link, which opens the published text", async () => {
    const { socket } = await visitor();
    const hit = (await search(socket, 'payment methods accepted', 'en')).results[0]!;
    const insert = await request<KbInsert>(agent, 'kb:insert', { articleId: hit.id });
    expect(insert.ok).toBe(true);
    if (!insert.ok) return;
    expect(insert.data).toMatchObject({ id: hit.id, title: hit.title, excerpt: hit.excerpt, url: `${server.url}/help/articles/${hit.id}` });
    expect(insert.data.text).toBe(`${hit.title}\n${hit.excerpt}\n${insert.data.url}`);
    const read = await request<KbPublicArticle>(socket, 'kb:article', { id: hit.id });
    expect(read.ok && read.data.excerpt).toBe(insert.data.excerpt);

    const page = await fetch(insert.data.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(read.ok ? read.data.html : 'unreachable');
    expect((await fetch(`${server.url}/help/articles/${'0'.repeat(24)}`)).status).toBe(404);
  });

  it('stores content gaps, views, votes and deflections, and sums them up for editors', async () => {
    const { socket, session } = await visitor();
    await search(socket, 'Do you rent Snowshoes?!', 'en');
    await search(socket, 'do you rent snowshoes', 'en');
    await search(socket, 'snowsh', 'en', { mode: 'suggest' }); // typing: not a search of its own
    const hit = (await search(socket, 'warranty repairs', 'en')).results[0]!;
    expect(await request(socket, 'kb:article', { id: hit.id })).toMatchObject({ ok: true });
    expect(await request(socket, 'kb:vote', { articleId: hit.id, helpful: false })).toEqual({ ok: true, data: null });
    expect(await request(socket, 'kb:vote', { articleId: hit.id, helpful: true })).toEqual({ ok: true, data: null });

    const { socket: chatty } = await visitor();
    expect(await request(chatty, 'kb:article', { id: hit.id })).toMatchObject({ ok: true });
    expect(await request(chatty, 'kb:vote', { articleId: hit.id, helpful: false })).toEqual({ ok: true, data: null });
    await request(chatty, 'message:send', { clientId: clientId(), text: 'That did not answer my question.' });

    // The deflection check is a delayed bull job with a deterministic id, due 10 minutes after the read.
    const queue = new Bull('kb-deflection', inject('redisUrl'), { prefix: `${server.dbName}:bull` });
    const job = await queue.getJob(`kb-deflection:${session.visitorId}:${hit.id}`);
    expect(job?.opts.delay).toBeGreaterThan(9 * 60_000);
    expect(job?.opts.delay).toBeLessThanOrEqual(10 * 60_000);
    await queue.close();
    // Run the check now, as the job will, for a read a minute ago: the quiet visitor was deflected, the chatty one not.
    const viewedAt = Date.now() - 60_000;
    const siteId = (await db.collection('sites').findOne({}, { sort: { createdAt: 1 } }))!._id.toHexString();
    const views = await db
      .collection('kbsignals')
      .find({ type: 'view', articleId: new Types.ObjectId(hit.id) })
      .toArray();
    expect(views.length).toBe(2);
    const chattyId = views.find((v) => v.visitorId.toHexString() !== session.visitorId)!.visitorId.toHexString();
    expect(await checkDeflection({ siteId, visitorId: session.visitorId, articleId: hit.id, viewedAt })).toBe(true);
    expect(await checkDeflection({ siteId, visitorId: chattyId, articleId: hit.id, viewedAt })).toBe(false);

    expect(await db.collection('kbsignals').countDocuments({ type: 'deflection' })).toBe(1);

    const { status, body } = await editor.signals();
    expect(status).toBe(200);
    const summary = body as unknown as KbSignalsResponse;
    expect(summary.searches).toBeGreaterThanOrEqual(3);
    expect(summary.contentGaps).toContainEqual({ query: 'do you rent snowshoes', locale: 'en', count: 2 });
    expect(summary.contentGaps.find((g) => g.query.startsWith('snowsh') && g.query !== 'do you rent snowshoes')).toBeUndefined();
    expect(summary.views).toContainEqual({ articleId: hit.id, title: hit.title, count: 2 });
    expect(summary.votes).toContainEqual({ articleId: hit.id, title: hit.title, helpful: 1, notHelpful: 1 });
    expect(summary.deflections).toContainEqual({ articleId: hit.id, title: hit.title, count: 1 });

    const agentApi = kbApi(server.url, await signIn(server, await addUser(db, 'agent')));
    expect((await agentApi.signals()).status).toBe(403);
  });

  it("gives the escalation domain the article for a hesitating buyer's concern, in the visitor's language", async () => {
    const kb = await KnowledgeBase.start({
      redisUrl: inject('redisUrl'),
      prefix: `${server.dbName}-lookup`,
      queues: new QueueRegistry(),
      log: createLogger('silent'),
    });
    try {
      const lookup = kbArticleLookup(kb);
      const siteId = (await db.collection('sites').findOne({}, { sort: { createdAt: 1 } }))!._id.toHexString();
      expect(await lookup.answerFor(siteId, 'en-GB', 'shipping_cost')).toMatchObject({
        title: 'How long does shipping take and what does it cost?',
      });
      expect(await lookup.answerFor(siteId, 'cs', 'returns')).toMatchObject({ title: 'Jak vrátit nebo vyměnit zboží?' });
      expect(await lookup.answerFor(siteId, 'ru', 'payment')).toMatchObject({ title: 'Какие способы оплаты вы принимаете?' });
      expect(await lookup.answerFor(siteId, 'en', 'general')).toBeNull();
      // A buyer idle on checkout has not necessarily tried to pay: the ways to pay, not why a payment fails.
      const answer = await lookup.answerFor(siteId, null, 'checkout');
      expect(answer?.title).toBe('Which payment methods do you accept?');
      const visitorId = new Types.ObjectId().toHexString();
      expect(await lookup.readBeforeAsking(siteId, visitorId, answer!.id)).toBe('Which payment methods do you accept?');
      expect(await lookup.readBeforeAsking(siteId, visitorId, '0'.repeat(24))).toBeNull();
      expect(await db.collection('kbsignals').countDocuments({ type: 'escalation', visitorId: new Types.ObjectId(visitorId) })).toBe(1);
    } finally {
      await kb.close();
    }
  });
});
