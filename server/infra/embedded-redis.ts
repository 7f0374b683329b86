import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import getPort from 'get-port';
import { spawnUntilReady, type ManagedProcess } from './child-process';

export interface EmbeddedRedis extends ManagedProcess {
  url: string;
}

const INSTALL_HINT =
  'redis-server was not found. Install it (Debian/Ubuntu: `apt-get install redis-server`, macOS: `brew install redis`) or set REDIS_URL to an existing Redis.';

/** Starts a private redis-server on a free loopback port, appending its data under `dataDir`. */
export async function startEmbeddedRedis(dataDir: string): Promise<EmbeddedRedis> {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(INSTALL_HINT);
  }
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await getPort({ host: '127.0.0.1' });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'];
  const proc = await spawnUntilReady('redis-server', args, (line) => line.includes('Ready to accept connections'));
  return { ...proc, url: `redis://127.0.0.1:${port}` };
}
