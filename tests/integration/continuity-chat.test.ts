// Issue 15, the widget's server side with real services: the visitor always writes (no agent online),
// the reply expectation (measured first responses, business hours), the inline email step, the
// visitor's conversations, and auto-close after inactivity with a new conversation linked to the old.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message, ReplyExpectation, VisitorConversationItem, VisitorProfile } from '../../shared/contract';
import { routes } from '../../shared/contract/routes';
import { call } from '../helpers/rest';
import {
  type AgentSocket,
  clientId,
  connectAgent,
  connected,
  joinAsVisitor,
  nextEvent,
  request,
  signIn,
  startTestServer,
  type TestServer,
  type VisitorSocket,
} from '../helpers/test-server';

let server: TestServer;
let cookie: string;
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  cookie = await signIn(server);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.close();
});

async function ok<T>(socket: VisitorSocket | AgentSocket, event: string, payload: unknown): Promise<T> {
  const ack = await request<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

async function visitor() {
  const joined = await joinAsVisitor(server);
  sockets.push(joined.socket);
  return joined;
}

async function agent(): Promise<AgentSocket> {
  const socket = connectAgent(server, cookie);
  sockets.push(socket);
  await connected(socket);
  return socket;
}

const say = async (socket: VisitorSocket, text: string, conversationId?: string) =>
  (await ok<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text, ...(conversationId && { conversationId }) }))
    .message;

const settings = async (body: Record<string, unknown>) =>
  expect((await call(server, routes.settings.update, { cookie, body })).status).toBe(200);

describe('continuity', () => {
  it('lets a visitor write with no agent online, says nothing about reply times before any reply, and stores the email step', async () => {
    const { socket, session } = await visitor();
    expect(session).toMatchObject({ agentsOnline: false, expectation: null, email: null, emailPromptMinutes: 2 });
    const question = await say(socket, 'Do you ship to Chisinau?');

    const refused = await request(socket, 'visitor:contact', { email: 'not an address' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await ok(socket, 'visitor:contact', { email: ' ana@example.com ' })).toEqual({ email: 'ana@example.com' });
    socket.close();

    // The agent signs in later and finds the question, with the address to answer.
    const console = await agent();
    const opened = await ok<{ conversation: ConversationSummary; visitor: VisitorProfile }>(console, 'conversation:open', {
      conversationId: question.conversationId,
    });
    expect(opened.conversation.lastMessage?.text).toBe('Do you ship to Chisinau?');
    // Marked for the inbox: it started while nobody was online, so the visitor may be gone.
    expect(opened.conversation.offline).toBe(true);
    expect(opened.visitor.email).toBe('ana@example.com');
    // The widget learns the stored address on its next sync (another tab, a later page).
    const again = await joinAsVisitor(server, { token: session.token });
    sockets.push(again.socket);
    expect(again.session.email).toBe('ana@example.com');
  });

  it('tells the next visitor the typical first reply, measured from the replies given', async () => {
    const console = await agent();
    const first = await visitor();
    expect(first.session.agentsOnline).toBe(true);
    const question = await say(first.socket, 'Is the jacket waterproof?');
    const opened = await ok<{ conversation: ConversationSummary }>(console, 'conversation:open', {
      conversationId: question.conversationId,
    });
    expect(opened.conversation.offline).toBe(false);
    const reply = nextEvent<Message>(first.socket, 'message:new');
    await ok(console, 'message:send', { conversationId: question.conversationId, clientId: clientId(), text: 'Yes, fully.' });
    await reply;

    await expect
      .poll(async () => (await visitor()).session.expectation, { timeout: 5000 })
      .toEqual({ kind: 'minutes', minutes: 1 } satisfies ReplyExpectation);
  });

  it('closes a conversation left quiet after the agent replied, asks for the rating, and starts a new one linked to it', async () => {
    await settings({ continuity: { emailPromptMinutes: 2, autoCloseHours: 1 } });
    const console = await agent();
    const quiet = await visitor();
    const waiting = await visitor();
    const question = await say(quiet.socket, 'Do you have it in blue?');
    const unanswered = await say(waiting.socket, 'Anyone there?');
    const reply = nextEvent<Message>(quiet.socket, 'message:new');
    await ok(console, 'message:send', { conversationId: question.conversationId, clientId: clientId(), text: 'Yes, in blue too.' });
    await reply;

    const systemLine = nextEvent<Message>(quiet.socket, 'message:new');
    const closed = nextEvent<{ conversationId: string }>(quiet.socket, 'conversation:closed');
    const inTwoHours = new Date(Date.now() + 2 * 3_600_000);
    const { closed: count } = await server.autoClose.runOnce(inTwoHours);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(await closed).toEqual({ conversationId: question.conversationId });
    expect(await systemLine).toMatchObject({ author: 'system', text: 'Closed after 1 h without a reply from the visitor.' });
    // A visitor still waiting for an answer is never closed on.
    const stillOpen = await ok<{ conversation: ConversationSummary }>(console, 'conversation:open', {
      conversationId: unanswered.conversationId,
    });
    expect(stillOpen.conversation.status).toBe('open');

    // Writing into the closed conversation starts a new one, linked to it.
    const followUp = await say(quiet.socket, 'One more thing: the size?', question.conversationId);
    expect(followUp.conversationId).not.toBe(question.conversationId);
    const linked = await ok<{ conversation: ConversationSummary }>(console, 'conversation:open', {
      conversationId: followUp.conversationId,
    });
    expect(linked.conversation.previousConversationId).toBe(question.conversationId);

    // The visitor's list: newest first, status, last message; the closed one reads back whole.
    const { conversations } = await ok<{ conversations: VisitorConversationItem[] }>(quiet.socket, 'conversations:mine', {});
    expect(conversations.map((c) => [c.id, c.status])).toEqual([
      [followUp.conversationId, 'open'],
      [question.conversationId, 'closed'],
    ]);
    expect(conversations[0]?.lastMessage?.text).toBe('One more thing: the size?');
    const old = await ok<{ status: string; messages: Message[] }>(quiet.socket, 'conversation:view', {
      conversationId: question.conversationId,
    });
    expect(old.status).toBe('closed');
    expect(old.messages.map((m) => m.author)).toEqual(['visitor', 'agent', 'system']);
    // Nobody else's conversation opens.
    expect(await request(waiting.socket, 'conversation:view', { conversationId: question.conversationId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('says when the site is back, in its time zone, outside business hours', async () => {
    const hour = (new Date().getUTCHours() + 2) % 24;
    const open = `${String(hour).padStart(2, '0')}:00`;
    const close = hour === 23 ? '23:59' : `${String(hour + 1).padStart(2, '0')}:00`;
    const day = { open, close };
    await settings({
      businessHours: { timezone: 'UTC', days: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } },
    });
    await agent(); // online, but outside the hours no agent counts
    await expect
      .poll(async () => (await visitor()).session, { timeout: 8000 })
      .toMatchObject({ agentsOnline: false, expectation: { kind: 'back', timezone: 'UTC' } });
    const { session } = await visitor();
    const at = session.expectation?.kind === 'back' ? new Date(session.expectation.at) : null;
    expect(at?.toISOString().slice(11, 16)).toBe(open);
    expect((at?.getTime() ?? 0) - Date.now()).toBeGreaterThan(0);
    expect((at?.getTime() ?? 0) - Date.now()).toBeLessThanOrEqual(3 * 3_600_000);
  });
});
