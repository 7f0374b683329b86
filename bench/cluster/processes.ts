// Three server processes (server/main.ts) on one database and one Redis, behind HAProxy running
// deploy/haproxy.cfg with their loopback ports: what bench/cluster.ts loads, kills and restarts.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import getPort from 'get-port';
import { spawnUntilReady, stopProcess } from '../../server/infra/child-process';
import { dieWithParent } from '../../server/infra/die-with-parent';

export const HAPROXY_CONFIG = 'deploy/haproxy.cfg';

/** Exits with what to install when HAProxy is missing. */
export function requireHaproxy(): void {
  if (spawnSync('sh', ['-c', 'command -v haproxy'], { stdio: 'ignore' }).status === 0) return;
  console.error('bench:cluster needs HAProxy: install the Debian/Ubuntu package `haproxy` (apt-get install -y haproxy).');
  process.exit(1);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `url` answers 200 (at most `timeoutMs`). */
export async function untilHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms`);
}

/** HAProxy marks a server up after two good checks a second apart (deploy/haproxy.cfg). */
export const HAPROXY_RISE_MS = 2500;

export interface Cluster {
  proxyUrl: string;
  ports: number[];
  /** Starts process `k` (again) and resolves when it prints its banner. */
  start(k: number): Promise<void>;
  kill(k: number): void;
  /** SIGTERM, and resolves when it has exited (its graceful shutdown). */
  stopGracefully(k: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  mongoUri: string;
  redisUrl: string;
  dataDir: string;
  size: number;
  /** More settings for every process. */
  env?: Record<string, string>;
}

export async function startCluster({ mongoUri, redisUrl, dataDir, size, env = {} }: ClusterOptions): Promise<Cluster> {
  const ports = await Promise.all(Array.from({ length: size }, () => getPort({ host: '127.0.0.1' })));
  const proxyPort = await getPort({ host: '127.0.0.1' });
  const children: (ChildProcess | undefined)[] = [];
  const start = async (k: number) => {
    // Each process, and HAProxy, gets SIGTERM when the bench dies, however it dies.
    const server = await spawnUntilReady(
      ...dieWithParent(process.execPath, ['--import', 'tsx', 'server/main.ts'], 'SIGTERM'),
      (l) => l.includes('Lifecycle Chat is running'),
      // A process restarted while the others carry every socket starts on a saturated machine: minutes, not seconds.
      300_000,
      {
        ...process.env,
        PORT: String(ports[k]),
        MONGODB_URI: mongoUri,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: 'bench-cluster',
        APP_SECRET: 'bench-cluster-secret-'.padEnd(40, 'x'),
        DATA_DIR: join(dataDir, `process${k + 1}`),
        LOG_LEVEL: 'warn',
        // Every simulated visitor comes from 127.0.0.1 (through the proxy): one address. And a sender's
        // re-sends after a kill would count against its own limit (10 messages per 10 s).
        RATE_LIMIT_PER_IP: '0',
        RATE_LIMIT_PER_SENDER: '0',
        ...env,
      },
    );
    server.child.stdout?.pipe(process.stderr);
    server.child.stderr?.pipe(process.stderr);
    children[k] = server.child;
  };
  // The first process creates the demo site on the empty database; the others find it.
  try {
    await start(0);
    await Promise.all(Array.from({ length: size - 1 }, (_, k) => start(k + 1)));
  } catch (err) {
    await Promise.all(children.map((child) => child && stopProcess(child)));
    throw err;
  }
  const haproxy = spawn(...dieWithParent('haproxy', ['-f', HAPROXY_CONFIG, '-db'], 'SIGTERM'), {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      LC_BIND: `127.0.0.1:${proxyPort}`,
      ...Object.fromEntries(ports.map((port, k) => [`LC_SERVER_${k + 1}`, `127.0.0.1:${port}`])),
    },
  });
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const stop = async () => {
    await Promise.all(children.map((child) => child && stopProcess(child, 15_000)));
    await stopProcess(haproxy);
  };
  try {
    await untilHealthy(proxyUrl, 10_000);
    await sleep(HAPROXY_RISE_MS);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    proxyUrl,
    ports,
    start,
    kill: (k) => children[k]?.kill('SIGKILL'),
    stopGracefully: (k) => stopProcess(children[k]!, 30_000),
    stop,
  };
}
