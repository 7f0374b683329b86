import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { AgentPresence, AgentServerToClient, ConversationSummary, Message, Note } from '../../shared/contract';
import { openDb } from '../helpers/kb';
import { secondTenant } from '../helpers/security';
import { agentSocket, signedInUser } from '../helpers/workplace';
import { routes } from '../../shared/contract/routes';
import { call } from '../helpers/rest';
import {
  clientId,
  joinAsVisitor,
  nextEvent,
  request,
  signIn,
  startTestServer,
  type AgentSocket,
  type TestServer,
  type VisitorSession,
  type VisitorSocket,
} from '../helpers/test-server';

type Ok<T> = { ok: true; data: T };
async function ok<T>(socket: AgentSocket | VisitorSocket, event: string, payload?: unknown): Promise<T> {
  const ack = await request<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return (ack as Ok<T>).data;
}

/** Every event a socket receives, whatever its name. */
function everything(socket: VisitorSocket): Array<{ event: string; payload: unknown }> {
  const seen: Array<{ event: string; payload: unknown }> = [];
  socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  return seen;
}

/** Resolves with the first push of `event` that passes `test`. */
function waitFor<T>(socket: AgentSocket | VisitorSocket, event: string, test: (payload: T) => boolean, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching "${event}" within ${timeoutMs} ms`)), timeoutMs);
    const listener = (payload: T) => {
      if (!test(payload)) return;
      clearTimeout(timer);
      (socket as unknown as { off(e: string, fn: (p: T) => void): void }).off(event, listener);
      resolve(payload);
    };
    (socket as unknown as { on(e: string, fn: (p: T) => void): void }).on(event, listener);
  });
}

describe('the agent workplace', () => {
  let server: TestServer;
  let db: mongoose.Connection;
  let admin: AgentSocket;
  const sockets: Array<{ close(): unknown }> = [];

  async function visitorWithConversation(text = 'Hello, is anyone there?') {
    const { socket, session } = await joinAsVisitor(server);
    sockets.push(socket);
    const { message } = await ok<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text });
    return { socket, session, conversationId: message.conversationId };
  }

  beforeAll(async () => {
    // The auto-away sweep every second rather than every 15 s: an idle agent is set away within a second.
    server = await startTestServer({ RATE_LIMIT_PER_SENDER: '0', RATE_LIMIT_PER_IP: '0', AUTO_AWAY_SWEEP_SECONDS: '1' });
    db = await openDb(server.dbName);
    admin = await agentSocket(server, await signIn(server), sockets);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await db.close();
    await server.close();
  });

  describe('internal notes', () => {
    it('reach agents with the conversation open, and never the visitor — not pushed, not in visitor:sync', async () => {
      const { socket: visitor, session, conversationId } = await visitorWithConversation('My parcel has not arrived');
      const received = everything(visitor);
      await ok(admin, 'conversation:open', { conversationId });
      const pushed = nextEvent<Note>(admin, 'note:new');
      const secret = `internal-${clientId()}`;
      const { note } = await ok<{ note: Note }>(admin, 'note:add', {
        conversationId,
        clientId: clientId(),
        text: `Courier lost it ${secret}`,
      });
      expect(note).toMatchObject({ kind: 'note', conversationId, text: `Courier lost it ${secret}` });
      expect((await pushed).id).toBe(note.id);
      // A reply after the note: once the visitor has it, anything sent before it has arrived too.
      const reply = nextEvent<Message>(visitor, 'message:new');
      await ok(admin, 'message:send', { conversationId, clientId: clientId(), text: 'Let me check that for you.' });
      await reply;
      expect(JSON.stringify(received)).not.toContain(secret);
      const sync = await ok<VisitorSession>(visitor, 'visitor:sync', { afterSeq: -1 });
      expect(JSON.stringify(sync)).not.toContain(secret);
      expect(sync.messages.map((m) => m.text)).toEqual(['My parcel has not arrived', 'Let me check that for you.']);
      // A second tab of the same visitor, syncing from scratch, gets no note either.
      const { session: again } = await joinAsVisitor(server, { token: session.token });
      expect(JSON.stringify(again)).not.toContain(secret);
      const { notes } = await ok<{ notes: Note[] }>(admin, 'notes:list', { conversationId });
      expect(notes.map((n) => n.text)).toEqual([`Courier lost it ${secret}`]);
    });

    it('stores a re-sent note once', async () => {
      const { conversationId } = await visitorWithConversation();
      const id = clientId();
      const first = await ok<{ note: Note }>(admin, 'note:add', { conversationId, clientId: id, text: 'once' });
      const second = await ok<{ note: Note }>(admin, 'note:add', { conversationId, clientId: id, text: 'once' });
      expect(second.note.id).toBe(first.note.id);
      expect((await ok<{ notes: Note[] }>(admin, 'notes:list', { conversationId })).notes).toHaveLength(1);
    });
  });

  describe('read receipts and unread counts', () => {
    it('counts unread visitor messages, clears them on read, and tells each side what the other has read', async () => {
      const { socket: visitor, conversationId } = await visitorWithConversation('one');
      const upsert = (n: number) =>
        waitFor<ConversationSummary>(admin, 'conversation:upsert', (c) => c.id === conversationId && c.unread === n);
      const two = upsert(2);
      await ok(visitor, 'message:send', { clientId: clientId(), text: 'two' });
      await two;
      const { messages } = await ok<{ messages: Message[] }>(admin, 'conversation:open', { conversationId });
      const lastSeq = messages.at(-1)!.seq;
      const readByAgent = nextEvent<{ conversationId: string; seq: number }>(visitor, 'conversation:read');
      const cleared = upsert(0);
      await ok(admin, 'conversation:read', { conversationId, seq: lastSeq });
      expect(await readByAgent).toEqual({ conversationId, seq: lastSeq });
      expect((await cleared).agentReadSeq).toBe(lastSeq);

      const { message } = await ok<{ message: Message }>(admin, 'message:send', { conversationId, clientId: clientId(), text: 'Hi!' });
      const readByVisitor = nextEvent<{ conversationId: string; seq: number }>(admin, 'conversation:read');
      await ok(visitor, 'conversation:read', { seq: message.seq });
      expect(await readByVisitor).toEqual({ conversationId, seq: message.seq });
    });
  });

  describe('take, transfer and close with a rating', () => {
    it('takes an unassigned chat once, transfers it with a note, closes it, and stores the visitor’s rating', async () => {
      const second = await signedInUser(server, db, 'agent');
      const bob = await agentSocket(server, second.cookie, sockets);
      const { socket: visitor, session, conversationId } = await visitorWithConversation('Can I change my delivery address?');

      const taken = await ok<{ conversation: ConversationSummary }>(admin, 'conversation:take', { conversationId });
      expect(taken.conversation.assigneeId).not.toBeNull();
      const late = await request(bob, 'conversation:take', { conversationId });
      expect(late.ok ? 'ok' : late.error.code).toBe('conflict');

      const toBob = waitFor<ConversationSummary>(bob, 'conversation:upsert', (c) => c.id === conversationId && c.assigneeId === second.id);
      await ok(admin, 'conversation:transfer', {
        conversationId,
        toUserId: second.id,
        note: 'Address change for order A-1001, please confirm with the courier.',
      });
      await toBob;
      const { notes } = await ok<{ notes: Note[] }>(bob, 'notes:list', { conversationId });
      expect(notes.at(-1)).toMatchObject({ kind: 'transfer', text: 'Address change for order A-1001, please confirm with the courier.' });

      const closedPush = nextEvent<{ conversationId: string }>(visitor, 'conversation:closed');
      const closed = await ok<{ conversation: ConversationSummary }>(bob, 'conversation:close', { conversationId, reason: 'resolved' });
      expect(closed.conversation).toMatchObject({ status: 'closed', closeReason: 'resolved', csat: null });
      expect(await closedPush).toEqual({ conversationId });
      const again = await request(bob, 'conversation:close', { conversationId, reason: 'resolved' });
      expect(again.ok ? 'ok' : again.error.code).toBe('conversation_closed');

      const rated = waitFor<ConversationSummary>(admin, 'conversation:upsert', (c) => c.id === conversationId && c.csat !== null);
      await ok(visitor, 'csat:submit', { conversationId, rating: 2, comment: 'Took too long' });
      expect((await rated).csat).toMatchObject({ rating: 2, comment: 'Took too long' });
      const twice = await request(visitor, 'csat:submit', { conversationId, rating: 5 });
      expect(twice.ok ? 'ok' : twice.error.code).toBe('conflict');

      const stored = await db.collection('csats').findOne({ _id: new mongoose.Types.ObjectId(conversationId) });
      expect(stored).toMatchObject({ rating: 2, comment: 'Took too long', agentId: new mongoose.Types.ObjectId(second.id) });
      const visitorDoc = await db.collection('visitors').findOne({ _id: new mongoose.Types.ObjectId(session.visitorId) });
      expect(visitorDoc).toMatchObject({ atRiskReason: 'negative_csat' });

      // The visitor's next message starts a new conversation.
      const { message } = await ok<{ message: Message }>(visitor, 'message:send', { clientId: clientId(), text: 'One more thing' });
      expect(message.conversationId).not.toBe(conversationId);
    });

    it('refuses a rating for someone else’s conversation or one still open', async () => {
      const { conversationId } = await visitorWithConversation();
      const { socket: stranger } = await joinAsVisitor(server);
      sockets.push(stranger);
      const foreign = await request(stranger, 'csat:submit', { conversationId, rating: 5 });
      expect(foreign.ok ? 'ok' : foreign.error.code).toBe('not_found');
      const { socket: owner, conversationId: open } = await visitorWithConversation();
      const early = await request(owner, 'csat:submit', { conversationId: open, rating: 5 });
      expect(early.ok ? 'ok' : early.error.code).toBe('conflict');
    });
  });

  describe('search', () => {
    it('finds conversations by visitor name, email and message words, word starts and accents folded', async () => {
      const { socket } = await joinAsVisitor(server);
      sockets.push(socket);
      await ok(socket, 'visitor:identify', { id: 'zoe', name: 'Zoë Nováková' });
      await ok(socket, 'visitor:contact', { email: 'zoe.novak@example.org' });
      const sent = await ok<{ message: { conversationId: string } }>(socket, 'message:send', {
        clientId: clientId(),
        text: 'Does the waterproof jacket come in teal?',
      });
      const { conversationId } = sent.message;
      const find = async (query: string) =>
        (await ok<{ conversations: ConversationSummary[] }>(admin, 'conversations:search', { query })).conversations.map((c) => c.id);
      await expect.poll(() => find('waterproof teal'), { timeout: 3000 }).toContain(conversationId);
      expect(await find('novakova')).toContain(conversationId);
      expect(await find('ZOE.NOV')).toContain(conversationId);
      expect(await find('waterpr jack')).toContain(conversationId);
      expect(await find('waterproof boots')).not.toContain(conversationId);
      const closedOnly = await ok<{ conversations: ConversationSummary[] }>(admin, 'conversations:search', {
        query: 'teal',
        status: 'closed',
      });
      expect(closedOnly.conversations.map((c) => c.id)).not.toContain(conversationId);
    });
  });

  describe('accounts', () => {
    it('invites a user by a one-time link that sets their password', async () => {
      const adminCookie = await signIn(server);
      const created = await call(server, routes.users.create, {
        cookie: adminCookie,
        body: { email: 'New.Agent@Example.com', name: 'New Agent', role: 'agent' },
      });
      expect(created.status).toBe(201);
      expect(created.body.user.status).toBe('invited');
      const { token, url } = created.body.invite!;
      expect(url).toBe(`${server.url}/console/#invite=${token}`);
      const peek = await call(server, routes.auth.peekInvite, { body: { token } });
      expect(peek.body).toEqual({ email: 'new.agent@example.com', name: 'New Agent' });
      const signInBefore = await call(server, routes.auth.signIn, {
        body: { email: 'new.agent@example.com', password: 'whatever-password' },
      });
      expect(signInBefore.status).toBe(401);

      const accepted = await call(server, routes.auth.acceptInvite, { body: { token, password: 'a-long-new-password' } });
      expect(accepted.status).toBe(200);
      expect(accepted.setCookie).toMatch(/lc_session=/);
      const reused = await call(server, routes.auth.acceptInvite, { body: { token, password: 'another-password-1' } });
      expect(reused.status).toBe(404);
      await signIn(server, { email: 'new.agent@example.com', password: 'a-long-new-password' });
      const list = await call(server, routes.users.list, { cookie: adminCookie });
      expect(list.body.users.find((u) => u.email === 'new.agent@example.com')?.status).toBe('active');
    });

    it('deactivating a user ends their sessions and sockets; they cannot sign in again', async () => {
      const user = await signedInUser(server, db, 'agent');
      const socket = await agentSocket(server, user.cookie, sockets);
      const dropped = nextEvent(socket, 'disconnect');
      const res = await call(server, routes.users.deactivate, { params: { id: user.id }, cookie: await signIn(server) });
      expect(res.body.user.status).toBe('deactivated');
      await dropped;
      expect((await call(server, routes.auth.me, { cookie: user.cookie })).status).toBe(401);
      expect((await call(server, routes.auth.signIn, { body: { email: user.email, password: user.password } })).status).toBe(401);
    });

    it('changing one’s password and signing out everywhere end the other sessions', async () => {
      const user = await signedInUser(server, db, 'editor');
      const other = await signIn(server, user);
      const wrong = await call(server, routes.auth.changePassword, {
        cookie: user.cookie,
        body: { currentPassword: 'nope', newPassword: 'brand-new-password' },
      });
      expect(wrong.status).toBe(401);
      const changed = await call(server, routes.auth.changePassword, {
        cookie: user.cookie,
        body: { currentPassword: user.password, newPassword: 'brand-new-password' },
      });
      expect(changed.status).toBe(204);
      const kept = changed.setCookie!.split(';')[0]!;
      expect((await call(server, routes.auth.me, { cookie: other })).status).toBe(401);
      expect((await call(server, routes.auth.me, { cookie: kept })).status).toBe(200);

      const laptop = await signIn(server, { email: user.email, password: 'brand-new-password' });
      expect((await call(server, routes.auth.signOutEverywhere, { cookie: kept })).status).toBe(204);
      for (const cookie of [kept, laptop]) expect((await call(server, routes.auth.me, { cookie })).status).toBe(401);
    });
  });

  describe('availability', () => {
    it('routes nobody to an agent who is away, and tells widgets no one is online', async () => {
      // Only the admin's console stays connected: the one agent who could answer.
      for (const socket of sockets.splice(0)) if (socket !== admin) socket.close();
      sockets.push(admin);
      const { socket: visitor } = await joinAsVisitor(server);
      sockets.push(visitor);
      const offline = waitFor<{ online: boolean }>(visitor, 'agents:availability', (a) => !a.online);
      const me = await ok<AgentPresence>(admin, 'availability:set', { availability: 'away', capacity: 3 });
      expect(me).toMatchObject({ availability: 'away', capacity: 3, autoAway: false, connected: true });
      await offline;
      const asked = await ok<{ agentsOnline: boolean }>(visitor, 'escalation:request-person', {});
      expect(asked.agentsOnline).toBe(false);
      const online = waitFor<{ online: boolean }>(visitor, 'agents:availability', (a) => a.online);
      await ok(admin, 'availability:set', { availability: 'online' });
      await online;
    });

    it('puts an idle agent away by itself, and activity brings them back', async () => {
      const adminCookie = await signIn(server);
      expect((await call(server, routes.settings.update, { cookie: adminCookie, body: { autoAwayMinutes: 1 } })).status).toBe(200);
      const user = await signedInUser(server, db, 'agent');
      const socket = await agentSocket(server, user.cookie, sockets);
      await ok(socket, 'presence:activity', {});
      // Two minutes ago, as far as the shared clock in Redis knows.
      const redis = new Redis(inject('redisUrl'), { keyPrefix: `${server.dbName}:` });
      const site = await db.collection('sites').findOne({});
      await redis.zadd(`agent-activity:${String(site!._id)}`, Date.now() - 120_000, user.id);
      redis.disconnect();
      const away = await waitFor<AgentPresence>(
        admin,
        'presence:changed',
        (p) => p.userId === user.id && p.availability === 'away',
        25_000,
      );
      expect(away.autoAway).toBe(true);
      const back = waitFor<AgentPresence>(admin, 'presence:changed', (p) => p.userId === user.id && p.availability === 'online');
      await ok(socket, 'presence:activity', {});
      expect((await back).autoAway).toBe(false);
      const { agents } = await ok<{ agents: AgentPresence[] }>(admin, 'team:presence', {});
      expect(agents.find((a) => a.userId === user.id)).toMatchObject({ availability: 'online', connected: true, load: 0 });
    }, 40_000);
  });

  describe('settings and canned responses', () => {
    it('stores only the thresholds sent, validates them, and applies them without a restart', async () => {
      const cookie = await signIn(server);
      const bad = await call(server, routes.settings.update, { cookie, body: { lifecycle: { checkoutIdleSeconds: 1 } } });
      expect(bad.status).toBe(400);
      const saved = await call(server, routes.settings.update, {
        cookie,
        body: { lifecycle: { checkoutIdleSeconds: 45, escalationSlaSeconds: 20 }, proactiveMessages: { en: 'Need a hand with checkout?' } },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.settings.lifecycle).toEqual({ checkoutIdleSeconds: 45, escalationSlaSeconds: 20 });
      expect(saved.body.effectiveLifecycle).toMatchObject({ checkoutIdleSeconds: 45, escalationSlaSeconds: 20 });
      expect(saved.body.snippet).toBe(`<script src="${server.url}/widget.js" data-site="${saved.body.publicKey}" async></script>`);

      const origins = await call(server, routes.settings.update, { cookie, body: { allowedOrigins: ['https://shop.example'] } });
      expect(origins.status).toBe(200);
      const refused = await joinAsVisitor(server).then(
        () => 'joined',
        (err: { data?: { code?: string } }) => err.data?.code,
      );
      expect(refused).toBe('origin_not_allowed');
      await call(server, routes.settings.update, { cookie, body: { allowedOrigins: [] } });

      const before = (await call(server, routes.settings.get, { cookie })).body.secret;
      const rotated = await call(server, routes.settings.rotateSecret, { cookie });
      expect(rotated.body.secret).not.toBe(before);
      expect((await call(server, routes.settings.get, { cookie })).body.secret).toBe(rotated.body.secret);
    });

    it('lets admins write canned responses that agents read, one per shortcut', async () => {
      const cookie = await signIn(server);
      const body = { shortcut: 'Ship', title: 'Shipping time', text: 'Hi {visitor.name}, order {order.number} ships within 24 h.' };
      expect((await call(server, routes.canned.create, { cookie, body })).status).toBe(201);
      expect((await call(server, routes.canned.create, { cookie, body })).status).toBe(409);
      const agent = await signedInUser(server, db, 'agent');
      const list = await call(server, routes.canned.list, {
        cookie: agent.cookie,
      });
      expect(list.body.responses).toEqual([expect.objectContaining({ shortcut: 'ship', text: body.text })]);
      expect(
        (
          await call(server, routes.canned.update, {
            params: { shortcut: 'ship' },
            cookie,
            body: { ...body, shortcut: 'ship', text: 'Changed.' },
          })
        ).status,
      ).toBe(200);
      expect((await call(server, routes.canned.remove, { params: { shortcut: 'ship' }, cookie })).status).toBe(204);
      expect((await call(server, routes.canned.remove, { params: { shortcut: 'ship' }, cookie })).status).toBe(404);
    });

    it("pushes every change to every console of the site at once, and to no other site's", async () => {
      const cookie = await signIn(server);
      const agent = await agentSocket(server, (await signedInUser(server, db, 'agent')).cookie, sockets);
      const other = await secondTenant(server);
      const otherAdmin = await agentSocket(server, other.adminCookie, sockets);
      const leaked: unknown[] = [];
      otherAdmin.on('canned:saved', (response) => leaked.push(response));
      otherAdmin.on('canned:removed', (removed) => leaked.push(removed));
      const next = <E extends 'canned:saved' | 'canned:removed'>(event: E) =>
        new Promise<Parameters<AgentServerToClient[E]>[0]>((resolve) => agent.once(event, resolve as never));

      const body = { shortcut: 'returns', title: 'Returns', text: 'You can return anything within 30 days.' };
      const created = next('canned:saved');
      await call(server, routes.canned.create, { cookie, body });
      expect(await created).toMatchObject(body);

      const updated = next('canned:saved');
      await call(server, routes.canned.update, { params: { shortcut: 'returns' }, cookie, body: { ...body, text: 'Within 60 days.' } });
      expect(await updated).toMatchObject({ shortcut: 'returns', text: 'Within 60 days.' });

      const removed = next('canned:removed');
      await call(server, routes.canned.remove, { params: { shortcut: 'returns' }, cookie });
      expect(await removed).toEqual({ shortcut: 'returns' });

      // The other site's own change arrives there: everything before it would have too.
      const own = new Promise((resolve) => otherAdmin.once('canned:saved', resolve));
      await call(server, routes.canned.create, { cookie: other.adminCookie, body });
      await own;
      expect(leaked).toEqual([expect.objectContaining({ shortcut: 'returns', text: body.text })]);
      await other.db.close();
    });
  });
});
