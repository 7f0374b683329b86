import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clusterUrl, isRunning, startEmbeddedPostgres } from '../infra/embedded-postgres';

export interface OpenCluster {
  url: string;
  /** Stops the cluster if it was started for this; a running server's cluster is left alone. */
  close(): Promise<void>;
}

/**
 * The embedded database's PostgreSQL cluster under `dataDir`: the running one (the server's), found
 * through the `postmaster.pid` PostgreSQL writes into its folder (its fourth line is the port), or,
 * when no server runs, the cluster started for the time of a backup.
 */
export async function openCluster(dataDir: string, log: (line: string) => void): Promise<OpenCluster> {
  const dir = resolve(dataDir, 'postgres');
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new Error(`There is no embedded database in ${resolve(dataDir)} (DATA_DIR).`);
  const port = runningPort(dir);
  if (port) return { url: clusterUrl(port), close: async () => undefined };
  log('No server is running on this DATA_DIR: starting its database for the backup…');
  const cluster = await startEmbeddedPostgres(dataDir, log);
  return { url: cluster.url, close: cluster.stop };
}

function runningPort(dir: string): number | undefined {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port, , , , status] = readFileSync(pidFile, 'utf8').split('\n');
  if (!isRunning(Number(pid)) || status?.trim() !== 'ready') return undefined;
  return Number(port);
}

/**
 * Starts a new cluster in `dataDir`, which must be empty or missing: a restore never mixes with
 * or overwrites an existing database.
 */
export async function createCluster(dataDir: string, log: (line: string) => void): Promise<OpenCluster> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`DATA_DIR ${resolve(dataDir)} is not empty: restore only into an empty or new folder (move the old one aside first).`);
  }
  const cluster = await startEmbeddedPostgres(dataDir, log);
  return { url: cluster.url, close: cluster.stop };
}
