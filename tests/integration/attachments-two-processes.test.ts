// Every process of a deployment serves every file (GridFS in the shared database), and a visitor's
// signed link holds on any process until it expires.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message, VisitorUploadResponse } from '../../shared/contract';
import { FileLinks } from '../../server/files/file-links';
import { type Deployment, newDeployment, type ServerProcess, startServerProcess } from '../helpers/server-process';
import { clientId, joinAsVisitor, request, signIn } from '../helpers/test-server';

let deployment: Deployment;
let processes: ServerProcess[] = [];

beforeAll(async () => {
  deployment = newDeployment();
  // The first process creates the demo site; the second joins the same deployment.
  processes = [await startServerProcess(deployment)];
  processes.push(await startServerProcess(deployment));
}, 120_000);
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

it('serves through one process a file uploaded through the other; an expired link is refused on both', async () => {
  const [first, second] = processes as [ServerProcess, ServerProcess];
  const { socket, session } = await joinAsVisitor(first);
  const sent = await request<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text: 'A file follows' });
  socket.close();
  expect(sent.ok).toBe(true);

  const bytes = Buffer.from(`Order 1234\n${'line of text\n'.repeat(40_000)}`);
  const query = new URLSearchParams({ name: 'order.txt', clientId: clientId() });
  const res = await fetch(`${first.url}/api/files/visitor?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  expect(res.status).toBe(201);
  const { message, links } = (await res.json()) as VisitorUploadResponse;
  const fileId = message.attachment!.id;

  const viaSecond = await fetch(`${second.url}${new URL(links.url).pathname}${new URL(links.url).search}`);
  expect(viaSecond.status).toBe(200);
  expect(Buffer.from(await viaSecond.arrayBuffer()).equals(bytes)).toBe(true);
  const agent = await fetch(`${second.url}/api/files/${fileId}`, { headers: { cookie: await signIn(second) } });
  expect(Buffer.from(await agent.arrayBuffer()).equals(bytes)).toBe(true);

  // Signed as the deployment signs (APP_SECRET), as of three hours ago: it expired at least an hour ago.
  const expired = new URL(new FileLinks(deployment.secret, 3600, () => '').link(fileId, Date.now() - 3 * 3600_000).url, 'http://x');
  for (const server of processes) {
    const refused = await fetch(`${server.url}${expired.pathname}${expired.search}`);
    expect(refused.status).toBe(410);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('link_expired');
  }
});
