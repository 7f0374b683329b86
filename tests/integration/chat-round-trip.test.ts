import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message } from '../../shared/contract';
import {
  clientId,
  connectAgent,
  connectVisitor,
  connected,
  nextEvent,
  request,
  signIn,
  joinAsVisitor,
  startTestServer,
  type TestServer,
  type VisitorSession,
} from '../helpers/test-server';

let server: TestServer;
let cookie: string;

beforeAll(async () => {
  // The burst test sends 60 messages at once from one visitor: this file is about ordering, not limits.
  server = await startTestServer({ RATE_LIMIT_PER_SENDER: '0' });
  cookie = await signIn(server);
});
afterAll(async () => server?.close());

describe('visitor ↔ agent chat', () => {
  it('delivers a visitor message to the agent and the reply back to the visitor', async () => {
    const agent = connectAgent(server, cookie);
    await connected(agent);
    const visitor = connectVisitor(server);
    await connected(visitor);
    const sync = await request<VisitorSession>(visitor, 'visitor:sync', { afterSeq: -1 });
    expect(sync.ok && sync.data.conversationId).toBe(null);

    const upsert = nextEvent<ConversationSummary>(agent, 'conversation:upsert');
    const sent = await request<{ message: Message }>(visitor, 'message:send', { clientId: clientId(), text: 'Is shipping free?' });
    expect(sent.ok).toBe(true);
    const summary = await upsert;
    expect(summary.lastMessage?.text).toBe('Is shipping free?');
    expect(summary.waitingSince).not.toBeNull();

    const list = await request<{ conversations: ConversationSummary[] }>(agent, 'conversations:list', { status: 'open' });
    expect(list.ok && list.data.conversations.map((c) => c.id)).toContain(summary.id);

    const opened = await request<{ messages: Message[] }>(agent, 'conversation:open', { conversationId: summary.id });
    expect(opened.ok && opened.data.messages.map((m) => m.text)).toEqual(['Is shipping free?']);

    const visitorTyping = nextEvent<{ typing: boolean; name: string }>(visitor, 'typing:changed');
    await request(agent, 'typing:set', { conversationId: summary.id, typing: true });
    expect(await visitorTyping).toMatchObject({ typing: true, name: 'Admin' });

    const agentTyping = nextEvent<{ typing: boolean }>(agent, 'typing:changed');
    await request(visitor, 'typing:set', { typing: true });
    expect((await agentTyping).typing).toBe(true);

    const reply = nextEvent<Message>(visitor, 'message:new');
    const replied = await request<{ message: Message }>(agent, 'message:send', {
      conversationId: summary.id,
      clientId: clientId(),
      text: 'Yes, over $50.',
    });
    expect(replied.ok).toBe(true);
    expect(await reply).toMatchObject({ author: 'agent', authorName: 'Admin', text: 'Yes, over $50.', seq: 1 });

    visitor.disconnect();
    agent.disconnect();
  });

  it('keeps identity across reconnects and returns only what the visitor missed', async () => {
    const { socket: first, session } = await joinAsVisitor(server);
    await request(first, 'message:send', { clientId: clientId(), text: 'first' });
    await request(first, 'message:send', { clientId: clientId(), text: 'second' });
    first.disconnect();

    const again = connectVisitor(server, { token: session.token });
    await connected(again);
    const resumed = await request<VisitorSession>(again, 'visitor:sync', { afterSeq: 0 });
    if (!resumed.ok) throw new Error('resume failed');
    expect(resumed.data.visitorId).toBe(session.visitorId);
    expect(resumed.data.messages.map((m) => m.text)).toEqual(['second']);
    again.disconnect();
  });

  it('stores and delivers a re-sent unacknowledged message exactly once', async () => {
    const agent = connectAgent(server, cookie);
    await connected(agent);
    const { socket: visitor, session } = await joinAsVisitor(server);
    const seed = await request<{ message: Message }>(visitor, 'message:send', { clientId: clientId(), text: 'hello' });
    if (!seed.ok) throw new Error('seed failed');
    await request(agent, 'conversation:open', { conversationId: seed.data.message.conversationId });

    const delivered: Message[] = [];
    agent.on('message:new', (m: Message) => delivered.push(m));

    // The client sends and loses its connection before the ack arrives…
    const id = clientId();
    visitor.emit('message:send', { clientId: id, text: 'Do you ship to Norway?' }, () => undefined);
    visitor.disconnect();

    // …then reconnects and re-sends its outbox, as the widget does.
    const back = connectVisitor(server, { token: session.token });
    await connected(back);
    const resent = await request<{ message: Message }>(back, 'message:send', { clientId: id, text: 'Do you ship to Norway?' });
    const resentAgain = await request<{ message: Message }>(back, 'message:send', { clientId: id, text: 'Do you ship to Norway?' });
    expect(resent.ok && resentAgain.ok).toBe(true);
    if (!resent.ok || !resentAgain.ok) return;
    expect(resentAgain.data.message.id).toBe(resent.data.message.id);

    await new Promise((r) => setTimeout(r, 300));
    const stored = await mongoose.connection.collection('messages').countDocuments({ clientId: id });
    expect(stored).toBe(1);
    // Each re-send is pushed again (the process that stored it may have died before it could), under
    // the one stored id: the agent, merging by id as the console does, holds it once.
    const pushed = delivered.filter((m) => m.clientId === id);
    expect(pushed.length).toBeGreaterThanOrEqual(1);
    expect(new Set(pushed.map((m) => m.id))).toEqual(new Set([resent.data.message.id]));
    back.disconnect();
    agent.disconnect();
  });

  it('shares one conversation between tabs of the same visitor', async () => {
    const { socket: tab1, session } = await joinAsVisitor(server);
    const tab2 = connectVisitor(server, { token: session.token });
    await connected(tab2);

    const echoed = nextEvent<Message>(tab2, 'message:new');
    const [a, b] = await Promise.all([
      request<{ message: Message }>(tab1, 'message:send', { clientId: clientId(), text: 'from tab 1' }),
      request<{ message: Message }>(tab2, 'message:send', { clientId: clientId(), text: 'from tab 2' }),
    ]);
    if (!a.ok || !b.ok) throw new Error('send failed');
    expect(a.data.message.conversationId).toBe(b.data.message.conversationId);
    expect((await echoed).conversationId).toBe(a.data.message.conversationId);
    tab1.disconnect();
    tab2.disconnect();
  });

  it('gives concurrent messages distinct positions and stores each once', async () => {
    const visitor = connectVisitor(server);
    await connected(visitor);
    await request(visitor, 'visitor:sync', {});
    const ids = Array.from({ length: 30 }, () => clientId());
    const acks = await Promise.all(
      [...ids, ...ids].map((id, i) => request<{ message: Message }>(visitor, 'message:send', { clientId: id, text: `burst ${i % 30}` })),
    );
    const messages = acks.map((a) => (a.ok ? a.data.message : null));
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    expect(messages.every(Boolean)).toBe(true);
    const conversationId = messages[0]!.conversationId;
    const stored = await mongoose.connection
      .collection('messages')
      .find({ conversationId: new mongoose.Types.ObjectId(conversationId) })
      .toArray();
    expect(stored).toHaveLength(30);
    expect(new Set(stored.map((m) => m.seq)).size).toBe(30);
    expect(new Set(stored.map((m) => m.clientId))).toEqual(new Set(ids));
    visitor.disconnect();
  });
});
