import Bull from 'bull';
import type mongoose from 'mongoose';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ConversationSummary, Message } from '../../shared/contract';
import { routes } from '../../shared/contract/routes';
import { openDb } from '../helpers/kb';
import { call } from '../helpers/rest';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';
import { agentSocket, signedInUser } from '../helpers/workplace';
import { clientId, joinAsVisitor, request, signIn, startTestServer, type TestServer } from '../helpers/test-server';

/** The site's delay before an offline agent hears of an unanswered conversation: 3 s. */
const MINUTES = 0.05;

let smtp: SmtpReceiver;
let server: TestServer;
let db: mongoose.Connection;
let jobs: Bull.Queue;
const sockets: Array<{ close(): unknown }> = [];

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Demo shop <chat@shop.example>' });
  db = await openDb(server.dbName);
  const admin = await signIn(server);
  const saved = await call(server, routes.settings.update, { cookie: admin, body: { unansweredEmailMinutes: MINUTES } });
  expect(saved.status).toBe(200);
  jobs = new Bull('unanswered-email', inject('redisUrl'), { prefix: `${server.dbName}:bull` });
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await jobs?.close();
  await db?.close();
  await server?.close();
  await smtp?.close();
});

async function ok<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = await request<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

/** An agent with a console open who takes a visitor's new conversation; the visitor's first message waits for a reply. */
async function assignedConversation(text: string) {
  const agent = await signedInUser(server, db, 'agent');
  const desk = await agentSocket(server, agent.cookie, sockets);
  const { socket: visitor } = await joinAsVisitor(server);
  sockets.push(visitor);
  const sent = await ok<{ message: Message }>(visitor, 'message:send', { clientId: clientId(), text });
  const { conversation } = await ok<{ conversation: ConversationSummary }>(desk, 'conversation:take', {
    conversationId: sent.message.conversationId,
  });
  expect(conversation.waitingSince).not.toBeNull();
  return { agent, desk, visitor, conversationId: conversation.id };
}

/** What the conversation's finished email jobs answered, in order. */
async function outcomes(conversationId: string): Promise<boolean[]> {
  const done = await jobs.getCompleted();
  return done
    .filter((job) => job.data.conversationId === conversationId)
    .sort((a, b) => (a.finishedOn ?? 0) - (b.finishedOn ?? 0))
    .map((job) => (job.returnvalue as { sent: boolean }).sent);
}

// Each test has an agent and a visitor of its own and reads only its conversation's jobs and its agent's
// mail: they wait for their delays side by side.
describe.concurrent('an offline agent hears of an assigned conversation left unanswered', () => {
  it('mails the agent who went offline, once, with the visitor’s words and a link to the conversation', async ({ expect }) => {
    const { agent, desk, conversationId } = await assignedConversation('Is the blue one back in stock?');
    desk.close();
    await expect.poll(() => smtp.to(agent.email).length, { timeout: 15_000 }).toBe(1);
    const { parsed } = smtp.to(agent.email)[0]!;
    expect(parsed.subject).toMatch(/is waiting for your reply$/);
    expect(parsed.text).toContain('Is the blue one back in stock?');
    expect(parsed.text).toContain(`/console/#conversation=${conversationId}`);
    expect(parsed.html).toContain(`/console/#conversation=${conversationId}`);
    await expect.poll(() => outcomes(conversationId)).toEqual([true]);
  });

  it('sends nothing while the agent has the console open', async ({ expect }) => {
    const { agent, conversationId } = await assignedConversation('Hello?');
    await expect.poll(() => outcomes(conversationId), { timeout: 15_000 }).toEqual([false]);
    expect(smtp.to(agent.email)).toHaveLength(0);
  });

  it('sends nothing once the agent has replied', async ({ expect }) => {
    const { agent, desk, conversationId } = await assignedConversation('Do you ship to Malta?');
    await ok(desk, 'message:send', { conversationId, clientId: clientId(), text: 'We do.' });
    desk.close();
    await expect.poll(() => outcomes(conversationId), { timeout: 15_000 }).toEqual([false]);
    expect(smtp.to(agent.email)).toHaveLength(0);
  });

  it('a hand-off ("Talk to a person") in an answered conversation starts a new wait, and the offline agent hears of it', async ({
    expect,
  }) => {
    const { agent, desk, visitor, conversationId } = await assignedConversation('Which size should I take?');
    await ok(desk, 'message:send', { conversationId, clientId: clientId(), text: 'One size up.' });
    desk.close();
    await expect.poll(() => outcomes(conversationId), { timeout: 15_000 }).toEqual([false]);
    const asked = await ok<{ conversationId: string }>(visitor, 'escalation:request-person', {});
    expect(asked.conversationId).toBe(conversationId);
    await expect.poll(() => smtp.to(agent.email).length, { timeout: 15_000 }).toBe(1);
    expect(smtp.to(agent.email)[0]!.parsed.text).toContain('The visitor asked to talk to a person.');
    await expect.poll(() => outcomes(conversationId)).toEqual([false, true]);
  });

  it('sends nothing to an agent who turned the email off on "My account"', async ({ expect }) => {
    const { agent, desk, conversationId } = await assignedConversation('Any discount today?');
    const turnedOff = await call(server, routes.auth.updatePreferences, { cookie: agent.cookie, body: { emailWhenOffline: false } });
    expect(turnedOff.body).toEqual({ preferences: { desktop: true, sound: true, emailWhenOffline: false } });
    desk.close();
    await expect.poll(() => outcomes(conversationId), { timeout: 15_000 }).toEqual([false]);
    expect(smtp.to(agent.email)).toHaveLength(0);
    expect((await call(server, routes.auth.preferences, { cookie: agent.cookie })).body).toEqual({
      preferences: { desktop: true, sound: true, emailWhenOffline: false },
    });
  });
});
