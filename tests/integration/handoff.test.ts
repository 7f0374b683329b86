import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message, ProactivePrompt } from '../../shared/contract';
import { en } from '../../shared/i18n/catalogs/en';
import { track } from '../helpers/shop';
import {
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

type Opened = { conversation: ConversationSummary; messages: Message[] };

/** Every event of one name a socket receives from now on. */
function collect<T>(socket: AgentSocket | VisitorSocket, event: string): T[] {
  const seen: T[] = [];
  (socket as unknown as { on(e: string, fn: (p: T) => void): void }).on(event, (payload) => seen.push(payload));
  return seen;
}

async function ok<T>(socket: AgentSocket | VisitorSocket, event: string, payload: unknown): Promise<T> {
  const ack = await request<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

describe('"Talk to a person" is a hand-off', () => {
  let server: TestServer;
  let agent: AgentSocket;
  const sockets: { close(): unknown }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ REPLY_ALERT_SECONDS: '1' });
    agent = connectAgent(server, await signIn(server));
    sockets.push(agent);
    await connected(agent);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.close();
  });

  async function visitor(): Promise<VisitorSocket> {
    const { socket } = await joinAsVisitor(server);
    sockets.push(socket);
    return socket;
  }

  it('after a proactive prompt: the transcript says what the visitor saw, the conversation waits, is routed and alerts', async () => {
    const socket = await visitor();
    const prompted = nextEvent<ProactivePrompt>(socket, 'proactive:prompt');
    await track(socket, { type: 'page_view', url: 'https://shop.example/product/a', title: 'A', pageType: 'product' });
    await track(socket, { type: 'cart', items: 2, value: 150, currency: 'USD' });
    await track(socket, { type: 'exit_intent' });
    const prompt = await prompted;
    const before = await ok<Opened>(agent, 'conversation:open', { conversationId: prompt.conversationId });
    expect(before.messages).toEqual([]);
    expect(before.conversation.waitingSince).toBeNull();

    const offers = collect<{ conversation: ConversationSummary }>(agent, 'escalation:offer');
    const alerts = collect<{ conversationId: string }>(agent, 'conversation:waiting-alert');
    const visitorLines = collect<Message>(socket, 'message:new');
    const asked = await ok<{ conversationId: string; agentsOnline: boolean }>(socket, 'escalation:request-person', {});
    expect(asked).toEqual({ conversationId: prompt.conversationId, agentsOnline: true });

    const after = await ok<Opened>(agent, 'conversation:open', { conversationId: prompt.conversationId });
    expect(after.messages).toHaveLength(1);
    const [line] = after.messages;
    expect(line).toMatchObject({ author: 'system' });
    expect(line!.text).toContain('asked to talk to a person');
    expect(line!.text).toContain(`“${en[`prompt.${prompt.concern}`]}”`);
    expect(line!.text).toContain(after.conversation.escalation!.reason);
    if (prompt.article) expect(line!.text).toContain(`“${prompt.article.title}”`);
    else expect(line!.text).not.toContain('article');
    // The wait starts with the hand-off, as with a first message: the inbox shows it, and the alert follows.
    expect(after.conversation.waitingSince).toBe(line!.createdAt);
    await expect.poll(() => visitorLines.map((m) => m.id)).toContain(line!.id);
    await expect.poll(() => offers.map((o) => o.conversation.id)).toContain(prompt.conversationId);
    await expect.poll(() => alerts.map((a) => a.conversationId), { timeout: 10_000 }).toContain(prompt.conversationId);
  }, 20_000);

  it('without a prompt: creates the conversation, writes the line, and the wait alerts like a first message', async () => {
    const socket = await visitor();
    const alerts = collect<{ conversationId: string }>(agent, 'conversation:waiting-alert');
    const upserts = collect<ConversationSummary>(agent, 'conversation:upsert');
    const asked = await ok<{ conversationId: string; agentsOnline: boolean }>(socket, 'escalation:request-person', {});
    await expect
      .poll(() => upserts.find((c) => c.id === asked.conversationId && c.lastMessage?.author === 'system' && c.waitingSince))
      .toBeTruthy();
    const opened = await ok<Opened>(agent, 'conversation:open', { conversationId: asked.conversationId });
    expect(opened.messages.map((m) => [m.author, m.text])).toEqual([['system', 'The visitor asked to talk to a person.']]);
    await expect.poll(() => alerts.map((a) => a.conversationId), { timeout: 10_000 }).toContain(asked.conversationId);
  }, 20_000);

  it('asked twice at once (a double click, two tabs), or again while waiting: one hand-off', async () => {
    const socket = await visitor();
    const [a, ...others] = await Promise.all(
      Array.from({ length: 4 }, () => ok<{ conversationId: string }>(socket, 'escalation:request-person', {})),
    );
    for (const other of others) expect(other.conversationId).toBe(a!.conversationId);
    const again = await ok<{ conversationId: string }>(socket, 'escalation:request-person', {});
    expect(again.conversationId).toBe(a!.conversationId);
    const opened = await ok<Opened>(agent, 'conversation:open', { conversationId: a!.conversationId });
    expect(opened.messages.map((m) => m.author)).toEqual(['system']);
  }, 20_000);

  it('an agent reply ends the wait the hand-off started: no alert', async () => {
    const socket = await visitor();
    const alerts = collect<{ conversationId: string }>(agent, 'conversation:waiting-alert');
    const asked = await ok<{ conversationId: string }>(socket, 'escalation:request-person', {});
    const answered = collect<ConversationSummary>(agent, 'conversation:upsert');
    await ok(agent, 'message:send', { conversationId: asked.conversationId, clientId: `reply-${Date.now()}`, text: 'Hi, I am here.' });
    await expect.poll(() => answered.find((c) => c.id === asked.conversationId && c.waitingSince === null)).toBeTruthy();
    // A later hand-off in another conversation alerts; this one stays silent.
    const other = await visitor();
    const later = await ok<{ conversationId: string }>(other, 'escalation:request-person', {});
    await expect.poll(() => alerts.map((a) => a.conversationId), { timeout: 10_000 }).toContain(later.conversationId);
    expect(alerts.map((a) => a.conversationId)).not.toContain(asked.conversationId);
  }, 20_000);
});
