// A link opens once across every process of a deployment: two server processes (one database, one
// Redis, one secret) asked for the same link at the same moment let exactly one browser in.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/contract';
import { routes } from '../../shared/contract/routes';
import { ResumeTokens } from '../../server/resume/resume-tokens';
import { call } from '../helpers/rest';
import { type Deployment, newDeployment, type ServerProcess, startServerProcess } from '../helpers/server-process';
import { ADMIN, clientId, connected, connectVisitor, joinAsVisitor, request } from '../helpers/test-server';

let deployment: Deployment;
let processes: ServerProcess[] = [];

beforeAll(async () => {
  deployment = newDeployment();
  // The first process creates the demo site; the second joins the same deployment.
  // At once, as a deployment's processes start: the first-run step is atomic.
  processes = await Promise.all([startServerProcess(deployment), startServerProcess(deployment)]);
}, 120_000);
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

async function attempt(server: ServerProcess, token: string): Promise<ErrorCode | 'accepted'> {
  const socket = connectVisitor(server, { resume: token } as { token?: string });
  try {
    await connected(socket);
    return 'accepted';
  } catch (err) {
    return (err as { data: { code: ErrorCode } }).data.code;
  } finally {
    socket.close();
  }
}

it('lets exactly one of two simultaneous openings on two processes in; the other gets resume_used', async () => {
  const [first, second] = processes as [ServerProcess, ServerProcess];
  const siteId = (await call(first, routes.auth.signIn, { body: ADMIN })).body.user.siteId;
  const { socket, session } = await joinAsVisitor(first);
  const sent = await request<{ message: { conversationId: string } }>(socket, 'message:send', { clientId: clientId(), text: 'Hi' });
  socket.close();
  if (!sent.ok) throw new Error(sent.error.code);
  // Signed as the deployment signs its mails' links (the same secret, APP_SECRET); a fresh link each round.
  const tokens = new ResumeTokens(deployment.secret, 3600);
  const scope = { siteId, conversationId: sent.data.message.conversationId, visitorId: session.visitorId };
  for (let round = 0; round < 5; round++) {
    const token = await tokens.sign(scope, Date.now());
    const outcomes = await Promise.all([attempt(first, token), attempt(second, token)]);
    expect(outcomes.sort()).toEqual(['accepted', 'resume_used']);
  }
});
