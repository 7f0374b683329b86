import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { inject } from 'vitest';
import type { ConversationSummary, ProactivePrompt, VisitorContext } from '../../shared/contract';
import { hashPassword } from '../../server/agents/passwords';
import { addSite, addUser } from '../helpers/kb';
import { postWebhook, track, walkToCheckout } from '../helpers/shop';
import { routes } from '../../shared/contract/routes';
import { call } from '../helpers/rest';
import {
  connectAgent,
  connected,
  connectVisitor,
  joinAsVisitor,
  nextEvent,
  request,
  ADMIN,
  signIn,
  startTestServer,
  type AgentSocket,
  type Reachable,
  type TestServer,
  type VisitorSocket,
} from '../helpers/test-server';

const IDLE_SECONDS = 5;
type Offer = { conversation: ConversationSummary; expiresAt: string | null };

/** Collects every event of one name a socket receives, with the time it arrived. */
function collect<T>(socket: AgentSocket | VisitorSocket, event: string): { at: number; payload: T }[] {
  const seen: { at: number; payload: T }[] = [];
  (socket as unknown as { on(e: string, fn: (p: T) => void): void }).on(event, (payload) => seen.push({ at: Date.now(), payload }));
  return seen;
}

/** A shop of the deployment: its widget's way in, its admin's console, and its signed webhook secret. */
interface Shop {
  reach: Reachable;
  siteId: mongoose.Types.ObjectId;
  agent: AgentSocket;
  cookie: string;
  secret: string;
}

// Three shops of one server, each with its own agents and settings, wait for their timers side by side:
// the demo shop runs its tests in order; the order-before-threshold and SLA tests have a shop each.
describe('proactive escalation of hesitating buyers', () => {
  let server: TestServer;
  let db: mongoose.Connection;
  const sockets: { close(): unknown }[] = [];

  async function shopOf(siteId: mongoose.Types.ObjectId, credentials: { email: string; password: string }, siteKey: string): Promise<Shop> {
    const cookie = await signIn(server, credentials);
    const agent = connectAgent(server, cookie);
    sockets.push(agent);
    await connected(agent);
    const site = await db.collection('sites').findOne({ _id: siteId });
    return { reach: { url: server.url, demoSiteKey: siteKey }, siteId, agent, cookie, secret: String(site!.secret) };
  }

  /** The demo shop, its admin at the console. */
  async function demoShop(): Promise<Shop> {
    const site = await db.collection('sites').findOne({ publicKey: server.demoSiteKey });
    return shopOf(site!._id, ADMIN, server.demoSiteKey);
  }

  /** Another shop of the deployment, its admin at the console. */
  async function newShop(): Promise<Shop> {
    const { siteId, publicKey } = await addSite(db);
    return shopOf(siteId, await addUser(db, 'admin', siteId), publicKey);
  }

  async function addAgent(shop: Shop, email: string): Promise<AgentSocket> {
    await db.collection('users').insertOne({
      siteId: shop.siteId,
      email,
      name: email.split('@')[0],
      role: 'agent',
      passwordHash: await hashPassword('agent-password-1'),
      active: true,
      availability: 'online',
      capacity: 5,
    });
    const socket = connectAgent(server, await signIn(server, { email, password: 'agent-password-1' }));
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  async function visitor(shop: Shop): Promise<VisitorSocket> {
    const { socket } = await joinAsVisitor(shop.reach);
    sockets.push(socket);
    return socket;
  }

  beforeAll(async () => {
    server = await startTestServer({ CHECKOUT_IDLE_SECONDS: String(IDLE_SECONDS) });
    db = await mongoose.createConnection(`${inject('mongoUri').replace(/\/$/, '')}/${server.dbName}`).asPromise();
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await db.close();
    await server.close();
  });

  describe.concurrent('on the demo shop, one test after another', () => {
    let shop: Shop;
    beforeAll(async () => {
      shop = await demoShop();
    });

    // How soon after the threshold the offer arrives is measured by `npm run bench:escalation`.
    it.sequential('offers an idle buyer at checkout to an online agent, and prompts the visitor', async ({ expect }) => {
      const { agent } = shop;
      const offers = collect<Offer>(agent, 'escalation:offer');
      const socket = await visitor(shop);
      const prompt = nextEvent<ProactivePrompt>(socket, 'proactive:prompt', (IDLE_SECONDS + 5) * 1000);
      await walkToCheckout(socket);

      expect(await prompt).toMatchObject({ kind: 'checkout_idle', agentsOnline: true });
      await expect.poll(() => offers.length).toBe(1);
      const [offer] = offers;
      expect(offer!.payload.conversation.escalation).toMatchObject({ kind: 'checkout_idle' });
      expect(offer!.payload.conversation.escalation!.reason).toMatch(/checkout/i);
      expect(offer!.payload.expiresAt).not.toBeNull();

      const context = await request<VisitorContext>(agent, 'visitor:context', { visitorId: offer!.payload.conversation.visitorId });
      expect(context.ok && context.data).toMatchObject({ stage: 'purchase', cart: { items: 1, value: 89 } });
      if (!context.ok) return;
      expect(context.data.pages.map((p) => p.pageType)).toEqual(['product', 'cart', 'checkout']);
      expect(context.data.timeline.map((c) => c.stage)).toContain('purchase');
      expect(context.data.intent.score).toBeGreaterThan(0);
      expect(context.data.intent.reasons.length).toBeGreaterThan(0);
      expect(context.data.hesitation).toMatchObject({ kind: 'checkout_idle' });

      const accepted = await request<{ conversation: ConversationSummary }>(agent, 'escalation:accept', {
        conversationId: offer!.payload.conversation.id,
      });
      expect(accepted.ok && accepted.data.conversation.assigneeId).toBeTruthy();
    }, 20_000);

    it.sequential('prompts a visitor at most once within the frequency cap', async ({ expect }) => {
      const socket = await visitor(shop);
      const prompts = collect<ProactivePrompt>(socket, 'proactive:prompt');
      await track(socket, { type: 'page_view', url: 'https://shop.example/product/a', title: 'A', pageType: 'product' });
      await track(socket, { type: 'cart', items: 2, value: 150, currency: 'USD' });
      // A prompt is emitted while its event is handled: before the event's acknowledgement arrives.
      await track(socket, { type: 'exit_intent' });
      expect(prompts.map((p) => p.payload.kind)).toEqual(['exit_intent']);

      await track(socket, { type: 'page_view', url: 'https://shop.example/product/b', title: 'B', pageType: 'product' });
      await track(socket, { type: 'exit_intent' });
      expect(prompts).toHaveLength(1);
    });

    it.sequential('sends a prompt again on each connection until the widget says it showed it', async ({ expect }) => {
      const { socket, session } = await joinAsVisitor(shop.reach);
      sockets.push(socket);
      const prompted = nextEvent<ProactivePrompt>(socket, 'proactive:prompt');
      await track(socket, { type: 'page_view', url: 'https://shop.example/product/e', title: 'E', pageType: 'product' });
      await track(socket, { type: 'cart', items: 1, value: 40, currency: 'USD' });
      await track(socket, { type: 'exit_intent' });
      const { conversationId } = await prompted;
      socket.disconnect();
      // Back before it was shown (the connection dropped, or the page changed): it comes again.
      const back = connectVisitor(shop.reach, { token: session.token });
      sockets.push(back);
      expect(await nextEvent<ProactivePrompt>(back, 'proactive:prompt')).toMatchObject({ conversationId, kind: 'exit_intent' });
      const redis = new Redis(inject('redisUrl'), { keyPrefix: `${server.dbName}:` });
      try {
        expect(await redis.get(`prompt-unseen:${session.visitorId}`)).not.toBeNull();
        expect((await request(back, 'proactive:seen', { conversationId })).ok).toBe(true);
        // Shown: nothing waits to be sent again.
        expect(await redis.get(`prompt-unseen:${session.visitorId}`)).toBeNull();
      } finally {
        await redis.quit();
      }
    });

    it.sequential('ranks purchase-stage escalations above all others', async ({ expect }) => {
      const buyer = await visitor(shop);
      const prompt = nextEvent<ProactivePrompt>(buyer, 'proactive:prompt');
      await track(buyer, { type: 'page_view', url: 'https://shop.example/product/d', title: 'D', pageType: 'product' });
      await track(buyer, { type: 'cart', items: 1, value: 5, currency: 'USD' });
      await track(buyer, { type: 'exit_intent' });
      const { conversationId } = await prompt;
      const list = await request<{ conversations: ConversationSummary[] }>(shop.agent, 'conversations:list', {});
      if (!list.ok) throw new Error(list.error.message);
      const buyerPriority = list.data.conversations.find((c) => c.id === conversationId)!.priority;
      const stored = await db
        .collection('visitors')
        .find({ stage: { $ne: 'purchase' } })
        .toArray();
      for (const conversation of list.data.conversations) {
        if (stored.some((v) => v._id.toHexString() === conversation.visitorId)) expect(conversation.priority).toBeLessThan(buyerPriority);
      }
    });
  });

  describe.concurrent('on a shop of its own', () => {
    it('fires nothing when the order arrives before the threshold', async ({ expect }) => {
      const shop = await newShop();
      const { agent } = shop;
      const offers = collect<Offer>(agent, 'escalation:offer');
      const socket = await visitor(shop);
      const prompts = collect<ProactivePrompt>(socket, 'proactive:prompt');
      const sync = await request<{ visitorId: string }>(socket, 'visitor:sync', { afterSeq: -1 });
      await walkToCheckout(socket);
      const res = await postWebhook(shop.reach, shop.secret, {
        type: 'order',
        visitorId: sync.ok ? sync.data.visitorId : '',
        orderId: 'A-1001',
        total: 89,
        currency: 'USD',
      });
      expect(res.status).toBe(201);
      // A buyer reaching checkout after this one is prompted and offered later than this one would have been.
      const later = await visitor(shop);
      const laterPrompt = nextEvent<ProactivePrompt>(later, 'proactive:prompt', (IDLE_SECONDS + 5) * 1000);
      await walkToCheckout(later);
      const { conversationId } = await laterPrompt;
      await expect.poll(() => offers.some((o) => o.payload.conversation.id === conversationId)).toBe(true);
      expect(prompts).toHaveLength(0);
      expect(offers.filter((o) => o.payload.conversation.id !== conversationId)).toHaveLength(0);
      await request(agent, 'escalation:accept', { conversationId });
      const stored = await db
        .collection('visitors')
        .findOne({ _id: new mongoose.Types.ObjectId(sync.ok ? sync.data.visitorId : undefined) });
      expect(stored?.stage).toBe('support');
    }, 20_000);
  });

  describe.concurrent('on another shop of its own', () => {
    it('re-routes an unaccepted offer after the SLA, then offers it to every online agent', async ({ expect }) => {
      const shop = await newShop();
      const { agent, cookie } = shop;
      expect((await call(server, routes.settings.update, { cookie, body: { lifecycle: { escalationSlaSeconds: 5 } } })).status).toBe(200);
      const second = await addAgent(shop, 'second@example.com');
      const offersToFirst = collect<Offer>(agent, 'escalation:offer');
      const offersToSecond = collect<Offer>(second, 'escalation:offer');
      const socket = await visitor(shop);
      const prompt = nextEvent<ProactivePrompt>(socket, 'proactive:prompt');
      await track(socket, { type: 'page_view', url: 'https://shop.example/product/c', title: 'C', pageType: 'product' });
      await track(socket, { type: 'cart', items: 1, value: 40, currency: 'USD' });
      await track(socket, { type: 'exit_intent' });
      const { conversationId } = await prompt;
      // Offered to one agent, after the SLA to the other, after another SLA to every online agent at once.
      const toEveryone = () =>
        [...offersToFirst, ...offersToSecond].filter((o) => o.payload.conversation.id === conversationId && o.payload.expiresAt === null);
      await expect.poll(() => toEveryone().length, { timeout: 20_000, interval: 100 }).toBe(2);
      // Only this conversation's offers count.
      const firstOffers = offersToFirst.filter((o) => o.payload.conversation.id === conversationId);
      const secondOffers = offersToSecond.filter((o) => o.payload.conversation.id === conversationId);

      const targeted = [...firstOffers, ...secondOffers].filter((o) => o.payload.expiresAt !== null).sort((a, b) => a.at - b.at);
      expect(targeted).toHaveLength(2);
      expect(targeted[1]!.at - targeted[0]!.at).toBeGreaterThanOrEqual(4_500);
      expect(firstOffers.filter((o) => o.payload.expiresAt !== null)).toHaveLength(1);
      expect(secondOffers.filter((o) => o.payload.expiresAt !== null)).toHaveLength(1);
      expect(firstOffers.filter((o) => o.payload.expiresAt === null)).toHaveLength(1);
      expect(secondOffers.filter((o) => o.payload.expiresAt === null)).toHaveLength(1);

      const [a, b] = await Promise.all([
        request(agent, 'escalation:accept', { conversationId }),
        request(second, 'escalation:accept', { conversationId }),
      ]);
      expect([a.ok, b.ok].sort()).toEqual([false, true]);
      expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { code: 'conflict' } });
      second.close();
    }, 40_000);
  });
});
