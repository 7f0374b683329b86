import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import getPort from 'get-port';
import { spawnUntilReady, type ManagedProcess } from './child-process';
import { ensureFerretdbLauncher } from './ferretdb/build';

export interface EmbeddedMongo extends ManagedProcess {
  uri: string;
}

/**
 * Starts the embedded MongoDB-compatible server (FerretDB on SQLite) with its files under `dataDir`,
 * on a free port unless given one (a restart on the same port and files, as the fault tests do).
 */
export async function startEmbeddedMongo(dataDir: string, log: (line: string) => void, port?: number): Promise<EmbeddedMongo> {
  const launcher = await ensureFerretdbLauncher(log);
  const dir = resolve(dataDir, 'ferretdb');
  mkdirSync(dir, { recursive: true });
  const listenPort = port ?? (await getPort({ host: '127.0.0.1' }));
  const proc = await spawnUntilReady(launcher, ['-listen', `127.0.0.1:${listenPort}`, '-data', dir], (line) =>
    line.startsWith('ready '),
  );
  return { ...proc, uri: proc.readyLine.slice('ready '.length).trim() };
}
