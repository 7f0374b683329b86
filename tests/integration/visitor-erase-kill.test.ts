// An erasure survives the death of the process running it (issue 18): the process is killed midway,
// and another process of the deployment takes the job over (bull's stalled-job check) and finishes it.
import { Types } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { routes } from '../../shared/contract';
import { openDb } from '../helpers/kb';
import { call } from '../helpers/rest';
import { type Deployment, newDeployment, type ServerProcess, startServerProcess } from '../helpers/server-process';
import { clientId, joinAsVisitor, request, signIn } from '../helpers/test-server';

const FILES = 25;

let deployment: Deployment;
let processes: ServerProcess[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  deployment = newDeployment();
  // The visitor uploads more files than its upload limit lets through a minute.
  env = { RATE_LIMIT_PER_SENDER: '0', RATE_LIMIT_PER_IP: '0' };
  processes = [await startServerProcess(deployment, env)];
}, 120_000);
afterAll(async () => {
  for (const p of processes) p.child.kill('SIGCONT');
  await Promise.all(processes.map((p) => p.stop()));
});

it('finishes on the other process an erasure whose process was killed midway', async () => {
  const [first] = processes as [ServerProcess];
  const db = await openDb(deployment.dbName);
  try {
    const { socket, session } = await joinAsVisitor(first);
    const sent = await request<{ message: { conversationId: string } }>(socket, 'message:send', { clientId: clientId(), text: 'Erase me' });
    if (!sent.ok) throw new Error(sent.error.code);
    // Files are deleted one by one: enough of them keep the erasure busy long enough to stop it midway.
    for (let i = 0; i < FILES; i++) {
      const query = new URLSearchParams({ name: `f${i}.txt`, clientId: clientId() });
      const res = await fetch(`${first.url}/api/files/visitor?${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/octet-stream' },
        body: Buffer.from(`file ${i}`),
      });
      expect(res.status).toBe(201);
    }
    socket.close();
    const visitorId = new Types.ObjectId(session.visitorId);
    const cookie = await signIn(first);

    // Only the first process runs when the job is queued, so it is the one that takes it.
    void call(first, routes.privacy.erase, { cookie, params: { visitorId: session.visitorId } }).catch(() => undefined);
    await expect
      .poll(async () => (await db.collection('visitors').findOne({ _id: visitorId }))?.erasingAt ?? null, { interval: 5, timeout: 10_000 })
      .not.toBeNull();
    first.child.kill('SIGSTOP');
    const filesLeft = await db.collection('files.files').countDocuments({ 'metadata.conversationId': sent.data.message.conversationId });
    expect(await db.collection('visitors').countDocuments({ _id: visitorId })).toBe(1);
    // A second process of the deployment joins, then the first dies with the job half done.
    processes.push(await startServerProcess(deployment, env));
    first.child.kill('SIGKILL');

    // The second process finds the dead one's job stalled once its lock expires (10 s) and runs it again.
    await expect.poll(() => db.collection('visitors').countDocuments({ _id: visitorId }), { interval: 500, timeout: 40_000 }).toBe(0);
    expect(await db.collection('files.files').countDocuments({ 'metadata.conversationId': sent.data.message.conversationId })).toBe(0);
    expect(await db.collection('messages').countDocuments({ conversationId: new Types.ObjectId(sent.data.message.conversationId) })).toBe(
      0,
    );
    expect(await db.collection('auditentries').countDocuments({ action: 'visitor.erased' })).toBe(1);
    console.log(`[erase-kill] stopped with ${filesLeft} of ${FILES} files left; finished on the other process`);
  } finally {
    await db.close();
  }
}, 90_000);
