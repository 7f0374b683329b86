import Bull from 'bull';
import type mongoose from 'mongoose';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { ConversationSummary, Message } from '../../shared/contract';
import { routes } from '../../shared/contract/routes';
import { openDb } from '../helpers/kb';
import { call } from '../helpers/rest';
import { newDeployment, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';
import { clientId, joinAsVisitor, request, signIn } from '../helpers/test-server';
import { agentSocket, signedInUser } from '../helpers/workplace';

let smtp: SmtpReceiver;
let processes: ServerProcess[] = [];
let db: mongoose.Connection;
let jobs: Bull.Queue;
const sockets: Array<{ close(): unknown }> = [];

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  const deployment = newDeployment();
  const env = { SMTP_URL: smtp.url, MAIL_FROM: 'Demo shop <chat@shop.example>' };
  // The first process creates the demo site; the second joins the same deployment.
  // At once, as a deployment's processes start: the first-run step is atomic.
  processes = await Promise.all([startServerProcess(deployment, env), startServerProcess(deployment, env)]);
  db = await openDb(deployment.dbName);
  jobs = new Bull('unanswered-email', inject('redisUrl'), { prefix: `${deployment.dbName}:bull` });
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await jobs?.close();
  await db?.close();
  await Promise.all(processes.map((p) => p.stop()));
  await smtp?.close();
});

async function ok<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = await request<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

it('mails an offline agent once with two server processes, whichever process saw the wait and the assignment', async () => {
  const [first, second] = processes as [ServerProcess, ServerProcess];
  // Saved through the first process; the second, which schedules the job below, had the site cached
  // (the demo page each process served at start) and hears of the change at once.
  const saved = await call(first, routes.settings.update, { cookie: await signIn(first), body: { unansweredEmailMinutes: 0.05 } });
  expect(saved.status).toBe(200);
  const agent = await signedInUser(second, db, 'agent');
  const desk = await agentSocket(second, agent.cookie, sockets);
  // The wait starts on the first process, the assignment happens on the second: both schedule the same job.
  const { socket: visitor } = await joinAsVisitor(first);
  sockets.push(visitor);
  const sent = await ok<{ message: Message }>(visitor, 'message:send', { clientId: clientId(), text: 'Still there?' });
  const { conversationId } = sent.message;
  await ok<{ conversation: ConversationSummary }>(desk, 'conversation:take', { conversationId });
  desk.close();

  await expect.poll(() => smtp.to(agent.email).length, { timeout: 20_000 }).toBe(1);
  const finished = async () => (await jobs.getCompleted()).filter((job) => job.data.conversationId === conversationId);
  await expect.poll(async () => (await finished()).map((job) => job.returnvalue), { timeout: 10_000 }).toEqual([{ sent: true }]);
  const pending = (await jobs.getJobs(['delayed', 'waiting', 'active'])).filter((job) => job?.data.conversationId === conversationId);
  expect(pending).toEqual([]);
  expect(smtp.to(agent.email)).toHaveLength(1);
}, 60_000);
