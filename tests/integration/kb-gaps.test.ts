import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kbGaps } from '../../server/data';
import { routes, type KbGapGroup } from '../../shared/contract';
import { ask, botMessages, visitorWithMessages } from '../helpers/kb-bot';
import { addSite, addUser, openDb } from '../helpers/kb';
import { call } from '../helpers/rest';
import { signIn, startTestServer, type TestServer, type VisitorSocket } from '../helpers/test-server';

// Content gaps: visitor questions no article answered confidently reach the editors' page, scrubbed
// and grouped by shared terms; "Create article from these" starts a draft and takes them off the list.
let server: TestServer;
let db: mongoose.Connection;
let editor: string;
const sockets: VisitorSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ DEMO_ANSWER_BOT: 'on' });
  db = await openDb(server.dbName);
  editor = await signIn(server, await addUser(db, 'editor'));
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await db?.close();
  await server?.close();
});

const visitor = (siteKey?: string) => visitorWithMessages(server, sockets, siteKey);

const gaps = async (cookie = editor): Promise<KbGapGroup[]> => {
  const res = await call(server, routes.kb.gaps, { cookie });
  if (res.status !== 200) throw new Error(`GET /api/kb/gaps: ${res.status}`);
  return res.body.groups;
};
const groupAbout = async (word: string, cookie = editor) => (await gaps(cookie)).find((g) => g.label.includes(word));

describe('content gaps', () => {
  it('groups unanswerable questions scrubbed, leaves out answered ones, and a draft from them takes them off the list', async () => {
    // Answered by the bot, a request for a person, a greeting: none is a gap.
    const answered = await visitor();
    await ask(answered.socket, 'How long does shipping take?');
    await expect.poll(() => botMessages(answered.pushed).length > 0, { timeout: 2000 }).toBe(true);
    const other = await visitor();
    await ask(other.socket, 'hi');
    await ask(other.socket, 'I want to talk to a human');

    const first = await visitor();
    await ask(first.socket, 'Do you rent zorblax kayaks? Write me at ola.nordmann@example.no');
    const second = await visitor();
    await ask(second.socket, 'zorblax kayak rental prices?');
    await ask(second.socket, 'zorblax kayak rental prices?'); // the same question again in one conversation counts once

    await expect.poll(async () => (await groupAbout('zorblax'))?.count, { timeout: 3000 }).toBe(2);
    const group = (await groupAbout('zorblax'))!;
    expect(group).toMatchObject({ locale: 'en', label: 'zorblax kayak' });
    expect(group.samples.map((s) => s.text)).toEqual(['zorblax kayak rental prices?', 'Do you rent zorblax kayaks? Write me at {email}']);
    const texts = (await gaps()).flatMap((g) => g.samples.map((s) => s.text));
    expect(texts.join('\n')).not.toContain('example.no');
    expect(texts).not.toContain('How long does shipping take?');
    expect(texts.some((t) => /\bhi\b|human/.test(t))).toBe(false);
    expect(await db.collection('kbgaps').countDocuments({ text: /example\.no/ })).toBe(0);

    // Agents do not see the editors' list; another site's editor neither sees nor takes these questions.
    const agent = await signIn(server, await addUser(db, 'agent'));
    expect((await call(server, routes.kb.gaps, { cookie: agent })).status).toBe(403);
    const otherSite = await addSite(db);
    const stranger = await signIn(server, await addUser(db, 'editor', otherSite.siteId));
    expect(await groupAbout('zorblax', stranger)).toBeUndefined();
    const stolen = await call(server, routes.kb.articleFromGaps, { cookie: stranger, body: { questionIds: group.questionIds } });
    expect(stolen).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect((await call(server, routes.kb.dismissGaps, { cookie: stranger, body: { questionIds: group.questionIds } })).status).toBe(204);
    expect((await groupAbout('zorblax'))?.count).toBe(2);

    // "Create article from these": a draft titled from the shared terms, listing the questions; they leave the list.
    const created = await call(server, routes.kb.articleFromGaps, { cookie: editor, body: { questionIds: group.questionIds } });
    expect(created.status).toBe(201);
    expect(created.body.article).toMatchObject({ title: 'Zorblax kayak', status: 'draft', locale: 'en' });
    expect(created.body.article.body).toBe('- zorblax kayak rental prices?\n- Do you rent zorblax kayaks? Write me at {email}');
    expect(created.body.article.category.length).toBeGreaterThan(0);
    expect(await groupAbout('zorblax')).toBeUndefined();
  });

  it('records gaps on a site with the bot off too, and dismissing a group removes it', async () => {
    const site = await addSite(db);
    const siteEditor = await signIn(server, await addUser(db, 'editor', site.siteId));
    for (const text of ['Can I return a quindle after a month?', 'quindle return window']) {
      const { socket, pushed } = await visitor(site.publicKey);
      await ask(socket, text);
      expect(botMessages(pushed)).toEqual([]);
    }
    await expect.poll(async () => (await groupAbout('quindle', siteEditor))?.count, { timeout: 3000 }).toBe(2);
    const group = (await groupAbout('quindle', siteEditor))!;
    expect(group.label).toBe('quindle return');
    expect(await groupAbout('quindle')).toBeUndefined(); // not on the demo site's list

    const dismissed = await call(server, routes.kb.dismissGaps, { cookie: siteEditor, body: { questionIds: group.questionIds } });
    expect(dismissed.status).toBe(204);
    expect(await gaps(siteEditor)).toEqual([]);
  });

  it("keeps a site's stored questions bounded: none older than the window, only the newest so many", async () => {
    const siteId = new mongoose.Types.ObjectId();
    const otherSiteId = new mongoose.Types.ObjectId();
    const day = (n: number) => new Date(Date.UTC(2026, 0, n));
    const stored = (site: mongoose.Types.ObjectId, n: number) => ({
      siteId: site,
      conversationId: new mongoose.Types.ObjectId(),
      locale: 'en',
      text: `question ${n}`,
      key: `question ${n}`,
      at: day(n),
    });
    await db.collection('kbgaps').insertMany([...[1, 2, 3, 4, 5, 6].map((n) => stored(siteId, n)), stored(otherSiteId, 1)]);

    await kbGaps.prune(siteId, day(2), 3);
    const left = await db.collection('kbgaps').find({ siteId }).sort({ at: 1 }).toArray();
    expect(left.map((g) => g.text)).toEqual(['question 4', 'question 5', 'question 6']);
    expect(await db.collection('kbgaps').countDocuments({ siteId: otherSiteId })).toBe(1);
  });
});
