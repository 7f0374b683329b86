import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { inject } from 'vitest';
import { spawnUntilReady, type ManagedProcess } from '../../server/infra/child-process';
import { ADMIN } from './test-server';

export interface ServerProcess extends ManagedProcess {
  url: string;
  demoSiteKey: string;
}

/** What several processes of one deployment share: the database, Redis key prefix and app secret. */
export interface Deployment {
  dbName: string;
  secret: string;
}

export function newDeployment(): Deployment {
  return { dbName: `test_${randomBytes(6).toString('hex')}`, secret: randomBytes(32).toString('hex') };
}

/** How a server process of this run starts: `server/main.ts`, bundled once per run by the global setup (server-bundle.ts). */
export function serverCommand(): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--enable-source-maps', inject('serverBundle')] };
}

/**
 * A real `server/main.ts` process of the given deployment, as production runs it, on a free port;
 * several of them share the database, Redis and secret like processes behind a load balancer.
 * `services` are the shared test services unless given (the fault tests run their own, to stop them).
 */
export async function startServerProcess(
  deployment: Deployment,
  env: Record<string, string> = {},
  services = { mongoUri: inject('mongoUri'), redisUrl: inject('redisUrl') },
): Promise<ServerProcess> {
  const port = await getPort({ host: '127.0.0.1' });
  const mongoUri = `${services.mongoUri.replace(/\/$/, '')}/${deployment.dbName}`;
  const { command, args } = serverCommand();
  const proc = await spawnUntilReady(command, args, (line) => line.includes('Lifecycle Chat is running'), 60_000, {
    ...process.env,
    PORT: String(port),
    MONGODB_URI: mongoUri,
    REDIS_URL: services.redisUrl,
    REDIS_PREFIX: deployment.dbName,
    APP_SECRET: deployment.secret,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'lc-proc-')),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DEMO_ANSWER_BOT: 'off',
    ...env,
  });
  if (process.env.TEST_LOG_LEVEL) proc.child.stdout?.pipe(process.stderr);
  const url = `http://127.0.0.1:${port}`;
  const demo = await (await fetch(`${url}/demo`)).text();
  const demoSiteKey = /data-site="([^"]+)"/.exec(demo)?.[1];
  if (!demoSiteKey) throw new Error('the demo page names no site key');
  return { ...proc, url, demoSiteKey };
}
