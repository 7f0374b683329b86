import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message, ProductCard, VisitorContextAnswer } from '../../shared/contract';
import { routes } from '../../shared/contract/routes';
import { visitorWithEmail } from '../helpers/mail';
import { call } from '../helpers/rest';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';
import {
  clientId,
  connectAgent,
  connected,
  joinAsVisitor,
  nextEvent,
  request,
  signIn,
  startTestServer,
  type AgentSocket,
  type TestServer,
  type VisitorSocket,
} from '../helpers/test-server';

let smtp: SmtpReceiver;
let server: TestServer;
let cookie: string;
const sockets: Array<{ disconnect(): unknown }> = [];

beforeAll(async () => {
  // The refusals are sent at once by one agent: this file is about what is refused, not how often.
  smtp = await startSmtpReceiver();
  server = await startTestServer({ RATE_LIMIT_PER_SENDER: '0', SMTP_URL: smtp.url, REPLY_EMAIL_DELAY_SECONDS: '1' });
  cookie = await signIn(server);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.close();
  await smtp?.close();
});

const shoes: ProductCard = {
  title: 'Trail Runner Shoes',
  price: 89.9,
  currency: 'EUR',
  url: 'https://shop.example/products/trail-runner',
  image: 'https://shop.example/img/trail-runner.jpg',
};
const socks: ProductCard = { title: 'Merino Socks', price: 12, currency: 'EUR', url: 'https://shop.example/products/socks' };

/** A visitor who has written, and an agent with their conversation open. */
async function conversation(): Promise<{ visitor: VisitorSocket; agent: AgentSocket; conversationId: string; visitorId: string }> {
  const agent = connectAgent(server, cookie);
  sockets.push(agent);
  await connected(agent);
  const { socket: visitor, session } = await joinAsVisitor(server);
  sockets.push(visitor);
  const upsert = nextEvent<ConversationSummary>(agent, 'conversation:upsert');
  await request(visitor, 'message:send', { clientId: clientId(), text: 'Do these run small?' });
  const conversationId = (await upsert).id;
  await request(agent, 'conversation:open', { conversationId });
  return { visitor, agent, conversationId, visitorId: session.visitorId };
}

describe('product cards and quick replies', () => {
  it('the shop’s cart lines and described product pages reach the agent’s visitor panel', async () => {
    const { visitor, agent, visitorId } = await conversation();
    const tracked = await request(visitor, 'track', { type: 'cart', items: 2, value: 101.9, currency: 'EUR', lines: [shoes, socks] });
    expect(tracked.ok).toBe(true);
    await request(visitor, 'track', { type: 'product', ...socks });
    await request(visitor, 'track', { type: 'product', ...shoes });
    await request(visitor, 'track', { type: 'product', ...socks, price: 11 });

    const context = await request<VisitorContextAnswer>(agent, 'visitor:context', { visitorId });
    if (!context.ok) throw new Error(context.error.code);
    expect(context.data.cart.lines).toEqual([shoes, socks]);
    // The latest first, one per page: the socks' second view replaced the first.
    expect(context.data.viewedProducts).toEqual([{ ...socks, price: 11 }, shoes]);

    // A line with an unsafe link drops the lines, never the cart's counts.
    const unsafe = await request(visitor, 'track', { type: 'cart', items: 3, value: 1, lines: [{ ...shoes, url: 'javascript:alert(1)' }] });
    expect(unsafe.ok).toBe(true);
    const after = await request<VisitorContextAnswer>(agent, 'visitor:context', { visitorId });
    expect(after.ok && after.data.cart).toEqual({ items: 3, value: 1, currency: 'EUR' });
    const refused = await request(visitor, 'track', { type: 'product', ...shoes, image: 'javascript:alert(1)' });
    expect(!refused.ok && refused.error.code).toBe('invalid_payload');
  });

  it('an agent sends a card and quick replies; the visitor gets both live and on sync, and a tapped reply reaches the agent', async () => {
    const { visitor, agent, conversationId } = await conversation();

    const cardArrives = nextEvent<Message>(visitor, 'message:new');
    const sentCard = await request<{ message: Message }>(agent, 'message:send', { conversationId, clientId: clientId(), card: shoes });
    if (!sentCard.ok) throw new Error(sentCard.error.code);
    expect(sentCard.data.message).toMatchObject({ author: 'agent', text: shoes.title, card: shoes });
    expect(await cardArrives).toMatchObject({ id: sentCard.data.message.id, card: shoes });

    const repliesArrive = nextEvent<Message>(visitor, 'message:new');
    const offered = await request<{ message: Message }>(agent, 'message:send', {
      conversationId,
      clientId: clientId(),
      text: 'Which size do you wear?',
      quickReplies: ['42', '43', 'Not sure'],
    });
    expect(offered.ok).toBe(true);
    const received = await repliesArrive;
    expect(received).toMatchObject({ text: 'Which size do you wear?', quickReplies: ['42', '43', 'Not sure'] });
    expect(received.card).toBeUndefined();

    // The widget sends a tapped reply as the visitor's own message.
    const tapArrives = nextEvent<Message>(agent, 'message:new');
    await request(visitor, 'message:send', { clientId: clientId(), text: '43' });
    expect(await tapArrives).toMatchObject({ author: 'visitor', text: '43', conversationId });

    const resync = await request<{ messages: Message[] }>(visitor, 'visitor:sync', { afterSeq: -1 });
    if (!resync.ok) throw new Error(resync.error.code);
    expect(resync.data.messages.map((m) => [m.text, m.card?.title ?? null, m.quickReplies ?? null])).toEqual([
      ['Do these run small?', null, null],
      [shoes.title, shoes.title, null],
      ['Which size do you wear?', null, ['42', '43', 'Not sure']],
      ['43', null, null],
    ]);
    const reopened = await request<{ messages: Message[] }>(agent, 'conversation:open', { conversationId });
    expect(reopened.ok && reopened.data.messages[1]?.card).toEqual(shoes);
  });

  it('a card mailed to a visitor who has left is its title and its link', async () => {
    const visitor = await visitorWithEmail(server);
    const agent = connectAgent(server, cookie);
    sockets.push(agent);
    await connected(agent);
    visitor.socket.disconnect();
    const sent = await request(agent, 'message:send', { conversationId: visitor.conversationId, clientId: clientId(), card: shoes });
    expect(sent.ok).toBe(true);
    await expect.poll(() => smtp.to(visitor.email).length, { timeout: 10_000 }).toBe(1);
    expect(smtp.to(visitor.email)[0]!.parsed.text).toContain(`${shoes.title}\n${shoes.url}`);
  });

  it('refuses unsafe links, too many or repeated quick replies, and a card with text, each with a code', async () => {
    const { agent, conversationId } = await conversation();
    const send = (payload: object) => request(agent, 'message:send', { conversationId, clientId: clientId(), ...payload });
    const refusals = await Promise.all([
      send({ card: { ...shoes, url: 'javascript:alert(document.cookie)' } }),
      send({ card: { ...shoes, image: 'data:image/svg+xml,<svg onload=alert(1)>' } }),
      send({ text: 'Pick one', quickReplies: ['1', '2', '3', '4', '5', '6', '7'] }),
      send({ text: 'Pick one', quickReplies: [] }),
      send({ text: 'Pick one', quickReplies: ['Yes', 'Yes'] }),
      send({ text: 'Pick one', quickReplies: ['x'.repeat(41)] }),
      send({ text: 'Look', card: shoes }),
      send({}),
    ]);
    expect(refusals.map((ack) => !ack.ok && ack.error.code)).toEqual(Array(8).fill('invalid_payload'));
    const opened = await request<{ messages: Message[] }>(agent, 'conversation:open', { conversationId });
    expect(opened.ok && opened.data.messages.length).toBe(1);
  });

  it('a canned response carries quick replies, and an update without them removes them', async () => {
    const body = { shortcut: 'size', title: 'Size', text: 'Which size do you wear?', quickReplies: ['42', '43'] };
    const created = await call(server, routes.canned.create, { cookie, body });
    expect(created.status).toBe(201);
    expect(created.body.response.quickReplies).toEqual(['42', '43']);
    const tooMany = await call(server, routes.canned.create, {
      cookie,
      body: { ...body, shortcut: 'many', quickReplies: ['1', '2', '3', '4', '5', '6', '7'] },
    });
    expect([tooMany.status, tooMany.body.error.code]).toEqual([400, 'invalid_payload']);

    const listed = await call(server, routes.canned.list, { cookie });
    expect(listed.body.responses.find((r) => r.shortcut === 'size')?.quickReplies).toEqual(['42', '43']);
    const { quickReplies: _, ...plain } = body;
    const updated = await call(server, routes.canned.update, { params: { shortcut: 'size' }, cookie, body: plain });
    expect(updated.status).toBe(200);
    expect(updated.body.response.quickReplies).toBeUndefined();
  });
});
