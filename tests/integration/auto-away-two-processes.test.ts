import Bull from 'bull';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { AgentPresence } from '../../shared/contract';
import { openDb } from '../helpers/kb';
import { newDeployment, startServerProcess, type Deployment, type ServerProcess } from '../helpers/server-process';
import { signedInUser } from '../helpers/workplace';
import { routes } from '../../shared/contract/routes';
import { call } from '../helpers/rest';
import { connectAgent, connected, joinAsVisitor, request, signIn } from '../helpers/test-server';

let deployment: Deployment;
let processes: ServerProcess[] = [];

beforeAll(async () => {
  deployment = newDeployment();
  // The auto-away sweep every 2 s rather than every 15 s (still far longer than one sweep takes, so two
  // processes never sweep at once): an idle agent is set away within 2 s.
  const env = { AUTO_AWAY_SWEEP_SECONDS: '2' };
  // At once, as a deployment's processes start: the first-run step is atomic.
  processes = await Promise.all([startServerProcess(deployment, env), startServerProcess(deployment, env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
});

it('puts an idle agent away once with two server processes, and everyone hears it across processes', async () => {
  const [first, second] = processes as [ServerProcess, ServerProcess];
  const adminCookie = await signIn(first);
  expect((await call(first, routes.settings.update, { cookie: adminCookie, body: { autoAwayMinutes: 1 } })).status).toBe(200);
  const db = await openDb(deployment.dbName);
  const idler = await signedInUser(first, db, 'agent');

  // The idle agent's console is on the first process; a teammate and a widget are on the second.
  const idle = connectAgent(first, idler.cookie);
  const teammate = connectAgent(second, adminCookie);
  await Promise.all([connected(idle), connected(teammate)]);
  const { socket: widget } = await joinAsVisitor(second);
  const heard: AgentPresence[] = [];
  teammate.on('presence:changed', (presence) => presence.userId === idler.id && heard.push(presence));

  // The admin goes away by hand: the idle agent is the only one who could answer.
  await request(teammate, 'availability:set', { availability: 'away' });
  // Two minutes since the idle agent's last activity, on the clock both processes share.
  const site = await db.collection('sites').findOne({});
  const redis = new Redis(inject('redisUrl'), { keyPrefix: `${deployment.dbName}:` });
  await redis.zadd(`agent-activity:${String(site!._id)}`, Date.now() - 120_000, idler.id);
  redis.disconnect();
  const noOne = new Promise<boolean>((resolve) => widget.on('agents:availability', ({ online }) => !online && resolve(true)));

  await expect.poll(() => heard.filter((p) => p.availability === 'away').length, { timeout: 25_000, interval: 250 }).toBe(1);
  expect(await noOne).toBe(true);
  // Another sweep (a run of the same bull job as every 2 s, taken by either process) finds nobody left to put away.
  const sweeps = new Bull('auto-away-sweep', inject('redisUrl'), { prefix: `${deployment.dbName}:bull` });
  const sweep = await sweeps.add({});
  expect(await sweep.finished()).toEqual({ away: 0 });
  await sweeps.close();
  expect(heard.filter((p) => p.availability === 'away')).toHaveLength(1);
  expect(await db.collection('users').findOne({ email: idler.email })).toMatchObject({ availability: 'away', autoAway: true });

  for (const socket of [idle, teammate, widget]) socket.close();
  await db.close();
}, 60_000);
