import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import getPort from 'get-port';
import { spawnUntilReady, type ManagedProcess } from './child-process';
import { dieWithParent } from './die-with-parent';

export interface EmbeddedRedis extends ManagedProcess {
  url: string;
}

const INSTALL_HINT =
  'redis-server was not found. Install it (Debian/Ubuntu: `apt-get install redis-server`, macOS: `brew install redis`) or set REDIS_URL to an existing Redis.';

/**
 * Starts a private redis-server on a free loopback port (or `port`), appending its data under
 * `dataDir`; started again on the same port and folder, it reloads everything from its AOF.
 */
export async function startEmbeddedRedis(dataDir: string, port?: number): Promise<EmbeddedRedis> {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(INSTALL_HINT);
  }
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const listenPort = port ?? (await getPort({ host: '127.0.0.1' }));
  const args = ['--port', String(listenPort), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'];
  const proc = await spawnUntilReady(...dieWithParent('redis-server', args, 'SIGTERM'), (line) =>
    line.includes('Ready to accept connections'),
  );
  return { ...proc, url: `redis://127.0.0.1:${listenPort}` };
}
