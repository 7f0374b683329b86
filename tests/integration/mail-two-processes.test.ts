import { afterAll, beforeAll, expect, it } from 'vitest';
import { mailQueue, reply, visitorWithEmail } from '../helpers/mail';
import { type Deployment, newDeployment, type ServerProcess, startServerProcess } from '../helpers/server-process';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';
import { type AgentSocket, connectAgent, connected, signIn } from '../helpers/test-server';

let smtp: SmtpReceiver;
let deployment: Deployment;
let processes: ServerProcess[] = [];
let agent: AgentSocket;
let queue: ReturnType<typeof mailQueue>;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  deployment = newDeployment();
  // One reply, no quiet period to gather several in: the shortest delay will do.
  const env = { SMTP_URL: smtp.url, REPLY_EMAIL_DELAY_SECONDS: '1' };
  // The first process creates the demo site; the second joins the same deployment.
  // At once, as a deployment's processes start: the first-run step is atomic.
  processes = await Promise.all([startServerProcess(deployment, env), startServerProcess(deployment, env)]);
  agent = connectAgent(processes[1]!, await signIn(processes[1]!));
  await connected(agent);
  queue = mailQueue(deployment.dbName);
}, 120_000);

afterAll(async () => {
  agent?.disconnect();
  await queue?.close();
  await Promise.all(processes.map((p) => p.stop()));
  await smtp?.close();
});

it('sees a tab open on the other process, and mails the reply once when the visitor has left', async () => {
  const [first] = processes as [ServerProcess, ServerProcess];
  // The visitor's tab is on the first process, the agent on the second; either process may run the job.
  const visitor = await visitorWithEmail(first);
  await reply(agent, visitor.conversationId, 'Answered from the other process.');
  await expect.poll(() => queue.outcomes(visitor.conversationId), { timeout: 15_000 }).toEqual(['present']);
  expect(smtp.to(visitor.email)).toHaveLength(0);

  visitor.socket.disconnect();
  await expect.poll(() => smtp.to(visitor.email).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(() => queue.pending(visitor.conversationId), { timeout: 15_000 }).toBe(0);
  expect(await queue.outcomes(visitor.conversationId)).toEqual(['present', 'sent']);
  expect(smtp.to(visitor.email)).toHaveLength(1);
  expect(smtp.to(visitor.email)[0]!.parsed.text).toContain('Answered from the other process.');
}, 60_000);
