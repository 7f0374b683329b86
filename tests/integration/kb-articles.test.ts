import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbArticle, KbArticleSummary, KbPublicArticle, KbRevision, KbSearchResult } from '../../shared/contract';
import { addSite, addUser, kbApi, openDb } from '../helpers/kb';
import { joinAsVisitor, request, signIn, startTestServer, type TestServer, type VisitorSocket } from '../helpers/test-server';

type Api = ReturnType<typeof kbApi>;
const article = (r: { body: Record<string, unknown> }) => r.body.article as KbArticle;

describe('knowledge-base articles: editing, publishing, permissions, visibility', () => {
  let server: TestServer;
  let db: mongoose.Connection;
  let editor: Api;
  let agent: Api;
  let visitor: VisitorSocket;
  const sockets: VisitorSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    db = await openDb(server.dbName);
    editor = kbApi(server.url, await signIn(server, await addUser(db, 'editor')));
    agent = kbApi(server.url, await signIn(server, await addUser(db, 'agent')));
    visitor = (await joinAsVisitor(server)).socket;
    sockets.push(visitor);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await db.close();
    await server.close();
  });

  const search = async (socket: VisitorSocket, query: string, locale = 'en') => {
    const ack = await request<KbSearchResult>(socket, 'kb:search', { query, locale, limit: 10 });
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data;
  };

  it('ships the demo site with a dozen published shop articles in English, Czech and Russian', async () => {
    const { status, body } = await editor.list({ status: 'published' });
    expect(status).toBe(200);
    const articles = body.articles as KbArticleSummary[];
    for (const locale of ['en', 'cs', 'ru']) expect(articles.filter((a) => a.locale === locale).length).toBeGreaterThanOrEqual(12);
    const english = articles.filter((a) => a.locale === 'en');
    expect(new Set(english.map((a) => a.category))).toEqual(
      new Set(['Shipping', 'Orders', 'Returns', 'Payment', 'Warranty', 'Sizing', 'Care']),
    );
    const found = await search(visitor, 'how long does delivery take');
    expect(found.results[0]?.title).toBe('How long does shipping take and what does it cost?');
  });

  it('keeps a draft from visitors until an editor publishes it; an agent may propose but not publish', async () => {
    const created = await agent.create({
      title: 'Gift wrapping for presents',
      body: 'We wrap any order in **recycled paper** for $3.',
      category: 'Orders',
      tags: ['gift'],
      locale: 'en',
    });
    expect(created.status).toBe(201);
    const draft = article(created);
    expect(draft).toMatchObject({
      status: 'draft',
      revision: 1,
      publishedRevision: null,
      updatedBy: { name: expect.stringMatching(/^Agent/) },
    });
    expect(draft.html).toContain('<strong>recycled paper</strong>');

    expect((await search(visitor, 'gift wrapping')).results.map((r) => r.id)).not.toContain(draft.id);
    const hidden = await request<KbPublicArticle>(visitor, 'kb:article', { id: draft.id });
    expect(hidden).toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect((await agent.publish(draft.id)).status).toBe(403);
    expect((await agent.publish(draft.id)).body).toMatchObject({ error: { code: 'forbidden' } });

    const published = article(await editor.publish(draft.id));
    expect(published).toMatchObject({ status: 'published', revision: 2, publishedRevision: 2, hasUnpublishedChanges: false });
    expect((await search(visitor, 'gift wrapping')).results[0]).toMatchObject({
      id: draft.id,
      title: 'Gift wrapping for presents',
      category: 'Orders',
    });
    const read = await request<KbPublicArticle>(visitor, 'kb:article', { id: draft.id });
    expect(read).toMatchObject({
      ok: true,
      data: { id: draft.id, locale: 'en', tags: ['gift'], excerpt: 'We wrap any order in recycled paper for $3.' },
    });

    expect((await agent.unpublish(draft.id)).status).toBe(403);
  });

  it('shows visitors the published text while a proposed edit waits, keeps the history and restores any revision', async () => {
    const { id } = article(
      await editor.create({ title: 'Student discount', body: 'Students get 10% off.', category: 'Payment', locale: 'en' }),
    );
    await editor.publish(id);
    const edited = article(
      await agent.update(id, {
        title: 'Student discount',
        body: 'Students get 15% off with a valid card.',
        category: 'Payment',
        tags: ['students'],
      }),
    );
    expect(edited).toMatchObject({ revision: 3, publishedRevision: 2, hasUnpublishedChanges: true });
    const live = await request<KbPublicArticle>(visitor, 'kb:article', { id });
    expect(live.ok && live.data.html).toContain('10% off');

    const history = (await editor.revisions(id)).body.revisions as KbRevision[];
    expect(history.map((r) => [r.number, r.action, r.changed])).toEqual([
      [3, 'edited', ['body', 'tags']],
      [2, 'published', []],
      [1, 'created', ['title', 'body', 'category', 'tags']],
    ]);
    expect(history[0]!.author.name).toMatch(/^Agent/);
    expect(history[2]!.author.name).toMatch(/^Editor/);

    await editor.publish(id);
    expect((await search(visitor, 'students discount')).results[0]?.excerpt).toBe('Students get 15% off with a valid card.');

    const restored = article(await editor.restore(id, 1));
    expect(restored).toMatchObject({ body: 'Students get 10% off.', tags: [], revision: 5, hasUnpublishedChanges: true });
    expect(((await editor.revisions(id)).body.revisions as KbRevision[])[0]).toMatchObject({
      number: 5,
      action: 'restored',
      restoredFrom: 1,
    });
    await editor.publish(id);
    expect((await search(visitor, 'students discount')).results[0]?.excerpt).toBe('Students get 10% off.');

    expect((await editor.restore(id, 99)).status).toBe(404);
  });

  it('takes an unpublished article away from visitors at once', async () => {
    const { id } = article(
      await editor.create({ title: 'Holiday opening hours', body: 'Closed on 25 December.', category: 'Orders', locale: 'en' }),
    );
    await editor.publish(id);
    expect((await search(visitor, 'holiday opening hours')).results[0]?.id).toBe(id);
    expect(article(await editor.unpublish(id)).status).toBe('draft');
    expect((await search(visitor, 'holiday opening hours')).results.map((r) => r.id)).not.toContain(id);
    expect(await request(visitor, 'kb:article', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("never shows a visitor another site's articles", async () => {
    const other = await addSite(db);
    const otherEditor = kbApi(server.url, await signIn(server, await addUser(db, 'editor', other.siteId)));
    const { id } = article(
      await otherEditor.create({ title: 'Secret supplier price list', body: 'Internal.', category: 'Payment', locale: 'en' }),
    );
    await otherEditor.publish(id);

    expect((await search(visitor, 'secret supplier price list')).results.map((r) => r.id)).not.toContain(id);
    expect(await request(visitor, 'kb:article', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await editor.get(id)).status).toBe(404);

    const otherVisitor = (await joinAsVisitor(server, { siteKey: other.publicKey })).socket;
    sockets.push(otherVisitor);
    expect((await search(otherVisitor, 'secret supplier price list')).results[0]?.id).toBe(id);
    expect((await search(otherVisitor, 'how long does delivery take')).results).toEqual([]);
  });

  it('gives a translation in the asked locale and falls back to the default locale', async () => {
    const en = article(
      await editor.create({ title: 'Loyalty points', body: 'Earn one point per dollar.', category: 'Payment', locale: 'en' }),
    );
    const cs = article(
      await editor.create({
        title: 'Věrnostní body',
        body: 'Za každý dolar získáte jeden bod.',
        category: 'Platba',
        locale: 'cs',
        translationOf: en.id,
      }),
    );
    expect(cs.key).toBe(en.key);
    await editor.publish(en.id);
    await editor.publish(cs.id);
    const inCzech = await request<KbPublicArticle>(visitor, 'kb:article', { id: en.id, locale: 'cs-CZ' });
    expect(inCzech).toMatchObject({ ok: true, data: { id: cs.id, title: 'Věrnostní body', locale: 'cs' } });
    const noPolish = await request<KbPublicArticle>(visitor, 'kb:article', { id: en.id, locale: 'pl' });
    expect(noPolish).toMatchObject({ ok: true, data: { id: en.id, locale: 'en' } });
    // A Czech link opened by a Polish visitor: no Polish translation, so the site's default (English).
    const defaultLocale = await request<KbPublicArticle>(visitor, 'kb:article', { id: cs.id, locale: 'pl' });
    expect(defaultLocale).toMatchObject({ ok: true, data: { id: en.id, locale: 'en' } });
    const asIs = await request<KbPublicArticle>(visitor, 'kb:article', { id: cs.id });
    expect(asIs).toMatchObject({ ok: true, data: { id: cs.id, locale: 'cs' } });

    const polishSearch = await search(visitor, 'loyalty points', 'pl-PL');
    expect(polishSearch.locale).toBe('en');
    expect(polishSearch.results[0]?.id).toBe(en.id);

    const duplicate = await editor.create({ title: 'Body', body: '', category: 'Platba', locale: 'cs', translationOf: en.id });
    expect(duplicate).toMatchObject({ status: 400, body: { error: { code: 'invalid_payload' } } });
  });

  it('refuses anonymous and invalid requests with coded errors', async () => {
    const anonymous = kbApi(server.url);
    expect((await anonymous.list()).status).toBe(401);
    expect((await anonymous.preview('x')).status).toBe(401);
    expect(await editor.create({ title: '', body: 'x', category: 'x', locale: 'en' })).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_payload' } },
    });
    expect(await editor.create({ title: 'x', body: 'x', category: 'x', locale: 'de' })).toMatchObject({ status: 400 });
    expect((await editor.get('not-an-id')).status).toBe(400);
    expect(await request(visitor, 'kb:article', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await request(visitor, 'kb:search', { query: '' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('previews Markdown through the same sanitizer visitors get', async () => {
    const { body } = await agent.preview('# Hi\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(body.html).toContain('<h1>Hi</h1>');
    expect(body.html).toContain('<a rel="noopener noreferrer nofollow" target="_blank">x</a>');
    expect(body.html).not.toMatch(/script|javascript:|onerror/i);
  });
});
