import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailQueue, reply, visitorWithEmail } from '../helpers/mail';
import { type Deployment, newDeployment, type ServerProcess, startServerProcess } from '../helpers/server-process';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';
import { connectAgent, connected, signIn } from '../helpers/test-server';
import { startFaultServices, type FaultServices } from './services';

const DELAY_SECONDS = 2;

let services: FaultServices;
let smtp: SmtpReceiver;
let deployment: Deployment;
let server: ServerProcess;

beforeAll(async () => {
  services = await startFaultServices();
  smtp = await startSmtpReceiver();
  deployment = newDeployment();
  server = await startServerProcess(deployment, { SMTP_URL: smtp.url, REPLY_EMAIL_DELAY_SECONDS: String(DELAY_SECONDS) }, services);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  await services?.stop();
});

const healthStatus = async () => (await fetch(`${server.url}/healthz`)).status;

it('sends a pending reply mail once after Redis (AOF) is killed and restarted across its due time', async () => {
  const agent = connectAgent(server, await signIn(server));
  await connected(agent);
  const visitor = await visitorWithEmail(server);
  visitor.socket.disconnect();
  await reply(agent, visitor.conversationId, 'Your parcel left today.');
  const dueAt = Date.now() + DELAY_SECONDS * 1000;
  // The reply's job is in Redis (scheduled after the agent's ack), then Redis dies.
  const queue = mailQueue(deployment.dbName, services.redisUrl);
  await expect.poll(() => queue.pending(visitor.conversationId)).toBe(1);
  await services.redis.crash();
  await expect.poll(healthStatus, { timeout: 5000 }).toBe(503);
  // Redis stays down until the mail is overdue; nothing could have been sent meanwhile.
  await expect.poll(() => Date.now() > dueAt + 1000, { timeout: (DELAY_SECONDS + 5) * 1000, interval: 250 }).toBe(true);
  expect(smtp.to(visitor.email)).toHaveLength(0);
  await services.redis.restart();

  await expect.poll(() => smtp.to(visitor.email).length, { timeout: 30_000, interval: 100 }).toBe(1);
  await expect.poll(() => queue.pending(visitor.conversationId), { timeout: 15_000 }).toBe(0);
  expect(await queue.outcomes(visitor.conversationId)).toEqual(['sent']);
  expect(smtp.to(visitor.email)).toHaveLength(1);
  expect(smtp.to(visitor.email)[0]!.parsed.text).toContain('Your parcel left today.');
  await queue.close();
  agent.close();
}, 90_000);
