import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import getPort from 'get-port';
import { spawnUntilReady, type ManagedProcess } from './child-process';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ensureFerretdbLauncher } from './ferretdb/build';
import { migrateSqliteData } from './ferretdb/migrate-sqlite';

export interface EmbeddedMongo extends ManagedProcess {
  uri: string;
}

/**
 * Starts the embedded MongoDB-compatible server: FerretDB on a private PostgreSQL cluster, with its
 * files under `dataDir`, on a free port unless given one (a restart on the same port and files, as
 * the fault tests do). `child` is FerretDB: when it dies, its PostgreSQL stops too. A data folder
 * written by the earlier SQLite-backed version is copied over once, first.
 */
export async function startEmbeddedMongo(dataDir: string, log: (line: string) => void, port?: number): Promise<EmbeddedMongo> {
  const launcher = await ensureFerretdbLauncher(log);
  const postgres = await startEmbeddedPostgres(dataDir, log);
  try {
    const listenPort = port ?? (await getPort({ host: '127.0.0.1' }));
    const ferret = await spawnUntilReady(
      launcher,
      ['-listen', `127.0.0.1:${listenPort}`, '-handler', 'postgresql', '-postgresql-url', postgres.url],
      (line) => line.startsWith('ready '),
    );
    ferret.child.once('exit', () => void postgres.stop());
    const uri = ferret.readyLine.slice('ready '.length).trim();
    const sqliteDir = resolve(dataDir, 'ferretdb');
    if (existsSync(sqliteDir)) await migrateSqliteData(launcher, sqliteDir, uri, log);
    return {
      child: ferret.child,
      uri,
      async stop() {
        await ferret.stop();
        await postgres.stop();
      },
    };
  } catch (err) {
    await postgres.stop();
    throw err;
  }
}
