import { readdirSync, readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { MongoClient } from 'mongodb';
import { afterAll, describe, it } from 'vitest';
import { spawnUntilReady } from '../../server/infra/child-process';
import { startEmbeddedMongo } from '../../server/infra/embedded-mongo';
import { ensureFerretdbLauncher } from '../../server/infra/ferretdb/build';
import { serverCommand } from '../helpers/server-process';
const ADMIN = { email: 'admin@example.com', password: 'admin-password' };

/** Documents keyed by strings, as the app's messages are. */
type Row = { _id: string } & Record<string, unknown>;

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lc-embedded-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Every process whose parent is `pid`, read from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

function startServer(dataDir: string) {
  const { MONGODB_URI: _mongo, REDIS_URL: _redis, ...env } = process.env;
  const { command, args } = serverCommand();
  return spawnUntilReady(command, args, (line) => line.includes('Lifecycle Chat is running'), 90_000, {
    ...env,
    PORT: '0',
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
  });
}

// The two cases share nothing (each has its own folder, processes and ports) and mostly wait on
// processes starting, so they run at once (each asserting with its own test's `expect`).
describe.concurrent('the embedded database and Redis a server starts', () => {
  it('die with the server when it is killed with SIGKILL, and the next start on the same folder comes up', async ({ expect }) => {
    const dataDir = tempDir();
    const server = await startServer(dataDir);
    const pid = server.child.pid as number;
    const helpers = childrenOf(pid);
    const commands = helpers.map((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8'));
    expect(commands.some((c) => c.includes('redis-server'))).toBe(true);
    expect(commands.some((c) => c.includes('ferretdb-launcher'))).toBe(true);
    expect(commands.some((c) => c.includes('postgres'))).toBe(true);

    server.child.kill('SIGKILL');
    await expect.poll(() => helpers.filter(alive), { timeout: 20_000 }).toEqual([]);

    const again = await startServer(dataDir);
    expect(childrenOf(again.child.pid as number).length).toBeGreaterThanOrEqual(3);
    await again.stop();
    // Two starts of a whole deployment, each allowed the 90 s `startServer` gives it.
  }, 180_000);
});

describe.concurrent('a data folder written by the SQLite-backed embedded database', () => {
  it('is copied into the new database once, with its indexes, and the old files are set aside', async ({ expect }) => {
    const dataDir = tempDir();
    const launcher = await ensureFerretdbLauncher(() => undefined);
    const port = await getPort({ host: '127.0.0.1' });
    const old = await spawnUntilReady(
      launcher,
      ['-listen', `127.0.0.1:${port}`, '-handler', 'sqlite', '-data', join(dataDir, 'ferretdb')],
      (line) => line.startsWith('ready '),
    );
    const before = new MongoClient(old.readyLine.slice('ready '.length).trim());
    const messages = Array.from({ length: 2_500 }, (_, i) => ({
      _id: `m${i}`,
      conversationId: `c${i % 40}`,
      seq: i,
      text: `message ${i}`,
    }));
    await before.db('lifecycle_chat').collection<Row>('messages').createIndex({ conversationId: 1, seq: 1 }, { unique: true });
    await before.db('lifecycle_chat').collection<Row>('messages').insertMany(messages);
    await before.db('lifecycle_chat').collection<Row>('sites').insertOne({ _id: 'site', publicKey: 'pk_1' });
    await before.close();
    await old.stop();

    const mongo = await startEmbeddedMongo(dataDir, () => undefined);
    const after = new MongoClient(mongo.uri);
    try {
      const db = after.db('lifecycle_chat');
      expect(await db.collection('messages').countDocuments()).toBe(2_500);
      expect(await db.collection('messages').find({ conversationId: 'c7' }).sort({ seq: 1 }).toArray()).toEqual(
        messages.filter((m) => m.conversationId === 'c7'),
      );
      expect(await db.collection('sites').findOne({ publicKey: 'pk_1' })).toEqual({ _id: 'site', publicKey: 'pk_1' });
      const indexes = await db.collection('messages').listIndexes().toArray();
      expect(indexes.find((i) => i.unique)?.key).toEqual({ conversationId: 1, seq: 1 });
      await expect(db.collection<Row>('messages').insertOne({ _id: 'dup', conversationId: 'c7', seq: 7 })).rejects.toMatchObject({
        code: 11000,
      });
      expect(existsSync(join(dataDir, 'ferretdb'))).toBe(false);
      expect(existsSync(join(dataDir, 'ferretdb-sqlite-migrated'))).toBe(true);
    } finally {
      await after.close();
      await mongo.stop();
    }
  });
});
