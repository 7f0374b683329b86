import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message, Note, VisitorProfile } from '../../shared/contract';
import {
  clientId,
  connectAgent,
  connectVisitor,
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

// What a probe sent that got through before: each is now refused with a code, or stored exactly as acked.

const LONE_HIGH = '\uD83D';
const REPLACEMENT = '\uFFFD';
const RLO = '\u202E';

let server: TestServer;
let agent: AgentSocket;
const sockets: Array<{ disconnect(): unknown }> = [];

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_PER_SENDER: '0' });
  agent = connectAgent(server, await signIn(server));
  sockets.push(agent);
  await connected(agent);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server?.close();
});

async function ok<T>(socket: AgentSocket | VisitorSocket, event: string, payload?: unknown): Promise<T> {
  const ack = await request<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

async function visitor(auth: { token?: string } = {}) {
  const joined = await joinAsVisitor(server, auth);
  sockets.push(joined.socket);
  return joined;
}

async function say(socket: VisitorSocket, text: string): Promise<Message> {
  return (await ok<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text })).message;
}

type Opened = { conversation: ConversationSummary; visitor: VisitorProfile; messages: Message[] };
const open = (conversationId: string) => ok<Opened>(agent, 'conversation:open', { conversationId });
const lastSeq = async (conversationId: string) => (await open(conversationId)).messages.at(-1)!.seq;

describe('read positions', () => {
  it('refuses 2^53−1 and holds a visitor read to the last stored message, so later agent messages are not "Seen"', async () => {
    const { socket } = await visitor();
    const first = await say(socket, 'Is the blue one in stock?');
    const { conversationId } = first;
    await open(conversationId);
    await ok(agent, 'message:send', { conversationId, clientId: clientId(), text: 'Let me look.' });
    const last = await lastSeq(conversationId);

    expect(await request(socket, 'conversation:read', { seq: Number.MAX_SAFE_INTEGER })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });

    const seen = nextEvent<{ conversationId: string; seq: number }>(agent, 'conversation:read');
    expect(await request(socket, 'conversation:read', { seq: 1_000_000 })).toEqual({ ok: true, data: null });
    expect(await seen).toEqual({ conversationId, seq: last });
    expect((await open(conversationId)).conversation.visitorReadSeq).toBe(last);

    const later = (await ok<{ message: Message }>(agent, 'message:send', { conversationId, clientId: clientId(), text: 'Yes, two left.' }))
      .message;
    expect((await open(conversationId)).conversation.visitorReadSeq).toBeLessThan(later.seq);
  });

  it('holds an agent read to the last stored message too', async () => {
    const { socket } = await visitor();
    const { conversationId } = await say(socket, 'Hello?');
    const seq = await lastSeq(conversationId);
    expect(await request(agent, 'conversation:read', { conversationId, seq: Number.MAX_SAFE_INTEGER })).toMatchObject({
      error: { code: 'invalid_payload' },
    });
    const read = nextEvent<{ conversationId: string; seq: number }>(socket, 'conversation:read');
    expect((await request(agent, 'conversation:read', { conversationId, seq: 999 })).ok).toBe(true);
    expect(await read).toEqual({ conversationId, seq });
    expect((await open(conversationId)).conversation.agentReadSeq).toBe(seq);
  });
});

describe('text no store can hold: lone UTF-16 surrogates and U+0000', () => {
  it('acks a message and a note with what the database stores', async () => {
    const { socket } = await visitor();
    const sent = await say(socket, `half an emoji ${LONE_HIGH}, a NUL \u0000`);
    expect(sent.text).toBe(`half an emoji ${REPLACEMENT}, a NUL ${REPLACEMENT}`);
    const synced = await ok<{ messages: Message[] }>(socket, 'visitor:sync', { afterSeq: -1 });
    expect(synced.messages.map((m) => m.text)).toEqual([sent.text]);

    const { conversationId } = sent;
    const { note } = await ok<{ note: Note }>(agent, 'note:add', { conversationId, clientId: clientId(), text: `${LONE_HIGH}VIP` });
    expect(note.text).toBe(`${REPLACEMENT}VIP`);
    const { notes } = await ok<{ notes: Note[] }>(agent, 'notes:list', { conversationId });
    expect(notes.map((n) => n.text)).toEqual([note.text]);
  });
});

describe('visitor names', () => {
  it('drops bidi overrides from a name before storing it', async () => {
    const { socket } = await visitor();
    await ok(socket, 'visitor:identify', { id: 'customer-rlo', name: `${RLO}Mallory` });
    const { conversationId } = await say(socket, 'Hi');
    const opened = await open(conversationId);
    expect(opened.visitor.name).toBe('Mallory');
    expect(opened.conversation.visitorName).toBe('Mallory');
  });

  it('treats a name of zero-width characters as none, and refuses an email address made of them', async () => {
    const { socket, session } = await visitor();
    const invisible = '\u200B\u200C\u200D\u2060\uFEFF';
    await ok(socket, 'visitor:identify', { id: 'customer-zw', name: invisible });
    const { conversationId } = await say(socket, 'Hi');
    const fallback = `Visitor ${session.visitorId.slice(-4).toUpperCase()}`;
    expect((await open(conversationId)).conversation.visitorName).toBe(fallback);

    const contact = await request(socket, 'visitor:contact', { email: `${invisible}@example.com` });
    expect(contact).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect((await open(conversationId)).visitor.name).toBe(fallback);
  });
});

describe('visitor tokens', () => {
  it('starts a fresh visitor for a token over 2,000 characters or cut short, and keeps the new token', async () => {
    const { session: original } = await visitor();
    for (const token of ['x'.repeat(5_000), original.token.slice(0, -3)]) {
      const { session } = await visitor({ token });
      expect(session.visitorId).not.toBe(original.visitorId);
      expect(session.token).not.toBe(token);
      const { session: again } = await visitor({ token: session.token });
      expect(again.visitorId).toBe(session.visitorId);
    }
  });

  const refusal = (auth: { siteKey?: string }) => {
    const socket = connectVisitor(server, auth);
    sockets.push(socket);
    return connected(socket).then(
      () => null,
      (err: Error & { data?: { code?: string } }) => ({ code: err.data?.code, message: err.message }),
    );
  };

  it('still says "no site key" when there is none, and "unknown site key" for one no store can hold', async () => {
    expect(await refusal({ siteKey: undefined })).toEqual({ code: 'invalid_payload', message: 'The widget sent no site key.' });
    expect(await refusal({ siteKey: 'pk_\u0000\uD800' })).toMatchObject({ code: 'site_unknown' });
  });
});
