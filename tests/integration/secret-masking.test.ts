import { randomBytes } from 'node:crypto';
import type mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Message, Note } from '../../shared/contract';
import { type RunningServer, startServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/infra/logger';
import { articleId, ask, ok, replyWithArticle, visitorWithMessages } from '../helpers/kb-bot';
import { openDb } from '../helpers/kb';
import { ADMIN, type AgentSocket, clientId, nextEvent, request, signIn, type VisitorSocket } from '../helpers/test-server';
import { agentSocket } from '../helpers/workplace';

// Card numbers, IBANs and security codes are masked before anything is stored or sent on: the
// message's document, its ack and pushes, notes, learned phrasings and every log line of the server.
const CARD = '4111 1111 1111 1111';
const AMEX = '3782 822463 10005';
const IBAN = 'RO49 AAAA 1B31 0075 9384 0000';
const FULL_NUMBERS = [
  CARD,
  CARD.replaceAll(' ', ''),
  AMEX,
  AMEX.replaceAll(' ', ''),
  IBAN,
  IBAN.replaceAll(' ', ''),
  '5555 5555 5555 4444',
];

let server: RunningServer;
let db: mongoose.Connection;
let agent: AgentSocket;
const logLines: string[] = [];
const sockets: Array<VisitorSocket | AgentSocket> = [];

beforeAll(async () => {
  // A server of this file's own, logging everything into `logLines`.
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  const config = loadConfig({
    PORT: '0',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'trace',
    DEMO_ANSWER_BOT: 'off',
  });
  server = await startServer({
    config,
    mongoUri: `${inject('mongoUri').replace(/\/$/, '')}/${dbName}`,
    redisUrl: inject('redisUrl'),
    secret: randomBytes(32).toString('hex'),
    log: createLogger('trace', { write: (line: string) => logLines.push(line) }),
    redisPrefix: dbName,
  });
  db = await openDb(dbName);
  agent = await agentSocket(server, await signIn(server), sockets);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await db?.close();
  await server?.close();
});

const storedMessage = (id: string) => db.collection('messages').findOne({ _id: id as never });

describe('card numbers and secrets are never stored', () => {
  it("a visitor's message is stored masked; the ack, the agent's push and both histories carry the masked text and flag", async () => {
    const { socket } = await visitorWithMessages(server, sockets);
    const { conversationId } = await ask(socket, 'Plata nu merge');
    await ok(request(agent, 'conversation:open', { conversationId }));
    const pushed = nextEvent<Message>(agent, 'message:new');
    const ack = await ask(socket, `Plata cu cardul ${CARD} a eșuat, codul CVV este 123`);

    const masked = 'Plata cu cardul •••• 1111 a eșuat, codul CVV este •••';
    expect(ack).toMatchObject({ text: masked, masked: ['card', 'code'] });
    expect(await pushed).toMatchObject({ id: ack.id, text: masked, masked: ['card', 'code'] });
    expect(await storedMessage(ack.id)).toMatchObject({ text: masked, masked: ['card', 'code'] });

    const opened = await ok(request<{ messages: Message[] }>(agent, 'conversation:open', { conversationId }));
    expect(opened.messages.at(-1)).toMatchObject({ text: masked, masked: ['card', 'code'] });
    const { messages } = await ok(request<{ messages: Message[] }>(socket, 'visitor:sync', { afterSeq: -1 }));
    expect(messages.at(-1)).toMatchObject({ text: masked, masked: ['card', 'code'] });
  });

  it("an agent's message is stored masked, and a message without secrets carries no flag", async () => {
    const { socket, pushed } = await visitorWithMessages(server, sockets);
    const question = await ask(socket, 'Gdzie mam przelać zwrot?');
    expect(question.masked).toBeUndefined();
    const reply = await ok(
      request<{ message: Message }>(agent, 'message:send', {
        conversationId: question.conversationId,
        clientId: clientId(),
        text: `Zwrot wyślemy na konto ${IBAN}.`,
      }),
    );
    const masked = 'Zwrot wyślemy na konto RO•• •••• 0000.';
    expect(reply.message).toMatchObject({ text: masked, masked: ['iban'] });
    await expect.poll(() => pushed.find((m) => m.id === reply.message.id)).toMatchObject({ text: masked, masked: ['iban'] });
    expect(await storedMessage(reply.message.id)).toMatchObject({ text: masked });
  });

  it('an internal note is stored masked', async () => {
    const { socket } = await visitorWithMessages(server, sockets);
    const { conversationId } = await ask(socket, 'Платёж не прошёл');
    const { note } = await ok(
      request<{ note: Note }>(agent, 'note:add', {
        conversationId,
        clientId: clientId(),
        text: `Клиент прислал карту ${AMEX}, код CVC 4321`,
      }),
    );
    const masked = 'Клиент прислал карту •••• 0005, код CVC •••';
    expect(note.text).toBe(masked);
    expect(await db.collection('notes').findOne({ _id: note.id as never })).toMatchObject({ text: masked });
  });

  it('a phrasing learned from a question with a card number keeps a marker instead', async () => {
    const { socket } = await visitorWithMessages(server, sockets);
    const question = await ask(socket, 'my card 5555 5555 5555 4444 was charged for a parcel that is stuck');
    const tracking = await articleId(db, 'track-order');
    await replyWithArticle(agent, question.conversationId, tracking.toHexString());
    const learned = async () =>
      ((await db.collection('kbphrasings').findOne({ _id: tracking }))?.phrasings as Array<{ text: string }> | undefined)?.map(
        (p) => p.text,
      );
    await expect.poll(learned, { timeout: 3000 }).toEqual(['my card {card} was charged for a parcel that is stuck']);
  });

  it('no log line holds a full number', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('');
    for (const number of FULL_NUMBERS) expect(log).not.toContain(number);
  });
});
