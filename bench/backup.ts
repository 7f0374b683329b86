// Backup and restore of the embedded database at a shop's size: seeds a data folder as bench:scale does
// (100,000 messages unless --messages says otherwise), starts the server on it, times `npm run backup`'s
// snapshot while the server runs, stops it, times `npm run restore` into an empty folder, then starts
// the server on the restored folder until /healthz answers. Prints the sizes and times.
// Usage: npm run bench:backup [-- --json] [-- --messages 100000]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { backupDataDir, restoreDataDir } from '../server/backup';
import { json, option, say } from './cli';
import { seedHistory, timedStart } from './seed-history';

const MESSAGES = option('--messages', 100_000);

const diskBytes = (dir: string) => Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);
const since = (started: number) => Math.round(performance.now() - started);

const root = mkdtempSync(join(tmpdir(), 'lc-bench-backup-'));
const [sourceDir, restoredDir, file] = [join(root, 'source'), join(root, 'restored'), join(root, 'snapshot.backup')];
const secret = randomBytes(32).toString('hex');
try {
  const port = await getPort({ host: '127.0.0.1' });
  say(`[${MESSAGES.toLocaleString('en')} messages] first start (creates the demo site) …`);
  await (await timedStart(sourceDir, secret, port)).server.stop();
  await seedHistory(sourceDir, MESSAGES);
  const { server } = await timedStart(sourceDir, secret, port);
  say('  backing up while the server runs …');
  let started = performance.now();
  const backedUp = await backupDataDir(sourceDir, file, say);
  const backupMs = since(started);
  await server.stop();
  say('  restoring into an empty folder …');
  started = performance.now();
  const restored = await restoreDataDir(file, restoredDir, say);
  const restoreMs = since(started);
  if (restored.rows !== backedUp.rows || restored.tables !== backedUp.tables)
    throw new Error('the restore holds other counts than the backup');
  const restart = await timedStart(restoredDir, secret, port);
  await restart.server.stop();
  const result = {
    messages: MESSAGES,
    tables: backedUp.tables,
    rows: backedUp.rows,
    databaseBytes: diskBytes(join(sourceDir, 'postgres')),
    fileBytes: statSync(file).size,
    backupMs,
    restoreMs,
    restoredDatabaseBytes: diskBytes(join(restoredDir, 'postgres')),
    restoredStartMs: restart.startMs,
  };
  console.log(json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(0);
