import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KbArticle, KbSearchResult } from '../../shared/contract';
import { kbApi } from '../helpers/kb';
import { newDeployment, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { joinAsVisitor, request, signIn, type VisitorSocket } from '../helpers/test-server';

let processes: ServerProcess[] = [];
const sockets: VisitorSocket[] = [];

beforeAll(async () => {
  const deployment = newDeployment();
  // Two real server processes of one deployment, like two nodes behind a load balancer.
  processes = [await startServerProcess(deployment)];
  processes.push(await startServerProcess(deployment));
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await Promise.all(processes.map((p) => p.stop()));
});

/** Searches until `done` holds (or 3 s pass); resolves with the ms it took. */
async function msUntil(socket: VisitorSocket, query: string, done: (result: KbSearchResult) => boolean): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < 3000) {
    const ack = await request<KbSearchResult>(socket, 'kb:search', { query, locale: 'en', mode: 'suggest' });
    if (ack.ok && done(ack.data)) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return Number.POSITIVE_INFINITY;
}

it("reflects a publish and an unpublish on one process in the other process's search within 1 s", async () => {
  const [first, second] = processes as [ServerProcess, ServerProcess];
  const editor = kbApi(first.url, await signIn(first));
  const { socket } = await joinAsVisitor(second);
  sockets.push(socket);
  // The second process builds its English index now, before the articles exist.
  const warm = await request<KbSearchResult>(socket, 'kb:search', { query: 'delivery', locale: 'en' });
  expect(warm.ok && warm.data.results.length).toBeGreaterThan(0);

  const delays: number[] = [];
  for (const word of ['alpaca', 'bamboo', 'cashmere', 'denim', 'eiderdown']) {
    const { id } = (
      await editor.create({ title: `Caring for ${word} garments`, body: `How to wash ${word}.`, category: 'Care', locale: 'en' })
    ).body.article as KbArticle;
    expect((await editor.publish(id)).status).toBe(200);
    delays.push(await msUntil(socket, `${word} garments`, (r) => r.results.some((hit) => hit.id === id)));
    expect((await editor.unpublish(id)).status).toBe(200);
    delays.push(await msUntil(socket, `${word} garments`, (r) => !r.results.some((hit) => hit.id === id)));
  }
  delays.sort((a, b) => a - b);
  console.log(
    `kb index sync across two processes, publish/unpublish → visible in the other process's search (ms, n=${delays.length}): median ${delays[delays.length >> 1]!.toFixed(1)}, max ${delays.at(-1)!.toFixed(1)}`,
  );
  expect(delays.at(-1)).toBeLessThan(1000);
}, 60_000);
