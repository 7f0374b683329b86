import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCluster, openCluster } from './cluster';
import { restoreSnapshot } from './restore-snapshot';
import type { Totals } from './snapshot-format';
import { writeSnapshot } from './write-snapshot';

export type { Totals } from './snapshot-format';

/** Backs up the embedded database of `dataDir` into `file`, the server running or not. */
export async function backupDataDir(dataDir: string, file: string, log: (line: string) => void): Promise<Totals> {
  const cluster = await openCluster(dataDir, log);
  try {
    return await writeSnapshot(cluster.url, file);
  } finally {
    await cluster.close();
  }
}

/** Restores `file` into a new embedded database in `dataDir` (empty or missing); a failed restore leaves it as it was. */
export async function restoreDataDir(file: string, dataDir: string, log: (line: string) => void): Promise<Totals> {
  const cluster = await createCluster(dataDir, log);
  try {
    const totals = await restoreSnapshot(file, cluster.url);
    await cluster.close();
    return totals;
  } catch (err) {
    await cluster.close();
    rmSync(resolve(dataDir, 'postgres'), { recursive: true, force: true });
    throw err;
  }
}
