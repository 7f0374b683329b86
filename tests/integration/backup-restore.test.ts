// Backups (issue 19, item 3): `npm run backup` takes a snapshot of the embedded database while the
// server runs and writes, `npm run restore` recreates it in an empty DATA_DIR, and the restored
// database holds every collection document for document (canonical EJSON), with the same indexes.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BSON, type Db, MongoClient } from 'mongodb';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Message } from '../../shared/contract';
import { type EmbeddedMongo, startEmbeddedMongo } from '../../server/infra/embedded-mongo';
import { kbApi } from '../helpers/kb';
import { clientId, joinAsVisitor, request, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { agentSocket } from '../helpers/workplace';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'lc-backup-test-'));
const sourceDir = join(root, 'source');
let source: EmbeddedMongo;
let server: TestServer;
const started: EmbeddedMongo[] = [];
const clients: MongoClient[] = [];
const sockets: Array<{ close(): unknown }> = [];

/** Runs an npm script's file as the operator's `npm run backup|restore -- …` does, with DATA_DIR set. */
function script(name: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const { MONGODB_URI: _unset, ...rest } = process.env;
  return run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { env: { ...rest, ...env } });
}

async function database(mongo: EmbeddedMongo): Promise<Db> {
  const client = await MongoClient.connect(mongo.uri);
  clients.push(client);
  return client.db(server.dbName);
}

/** Every collection's documents in canonical EJSON (ObjectId, Date, Binary keep their types), by _id. */
async function contents(db: Db): Promise<Record<string, string[]>> {
  const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
  const all: Record<string, string[]> = {};
  for (const name of names) {
    const docs = await db.collection(name).find().sort({ _id: 1 }).toArray();
    all[name] = docs.map((doc) => BSON.EJSON.stringify(doc, { relaxed: false }));
  }
  return all;
}

/**
 * The contents once nothing has changed them for 6 s: a conversation's summary (its last message) is
 * written 5 s after its last message, so a backup of a database still settling differs from it later.
 */
async function settled(db: Db): Promise<Record<string, string[]>> {
  let last = await contents(db);
  for (let quietSince = Date.now(); Date.now() - quietSince < 6_000; ) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = await contents(db);
    if (JSON.stringify(now) !== JSON.stringify(last)) quietSince = Date.now();
    last = now;
  }
  return last;
}

async function indexes(db: Db): Promise<Record<string, unknown>> {
  const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
  const all: Record<string, unknown> = {};
  for (const name of names) all[name] = (await db.collection(name).indexes()).sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return all;
}

async function backupAndRestore(name: string): Promise<{ restored: Db; file: string }> {
  const file = join(root, `${name}.backup`);
  const backup = await script('backup', ['--out', file], { DATA_DIR: sourceDir });
  const dataDir = join(root, name);
  const restore = await script('restore', ['--in', file], { DATA_DIR: dataDir });
  const counts = (output: string) => /([\d,]+) rows of (\d+) tables/.exec(output)?.slice(1);
  expect(counts(restore.stdout)).toEqual(counts(backup.stdout));
  const mongo = await startEmbeddedMongo(dataDir, () => undefined);
  started.push(mongo);
  return { restored: await database(mongo), file };
}

beforeAll(async () => {
  source = await startEmbeddedMongo(sourceDir, () => undefined);
  server = await startTestServer(
    { RATE_LIMIT_PER_SENDER: '0', RATE_LIMIT_PER_IP: '0' },
    { mongoUri: source.uri, redisUrl: inject('redisUrl') },
  );
  const cookie = await signIn(server);
  const agent = await agentSocket(server, cookie, sockets);
  for (let v = 0; v < 3; v++) {
    const { socket, session } = await joinAsVisitor(server);
    sockets.push(socket);
    const sent = await request<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text: `Question ${v}` });
    if (!sent.ok) throw new Error(sent.error.code);
    const { conversationId } = sent.data.message;
    await request(agent, 'conversation:open', { conversationId });
    await request(agent, 'message:send', { conversationId, clientId: clientId(), text: `Answer ${v}` });
    if (v === 0) {
      const image = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3366cc' } })
        .png()
        .toBuffer();
      const query = new URLSearchParams({ name: 'photo.png', clientId: clientId() });
      const upload = await fetch(`${server.url}/api/files/visitor?${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/octet-stream' },
        body: image,
      });
      expect(upload.status).toBe(201);
    }
  }
  const kb = kbApi(server.url, cookie);
  const created = await kb.create({ title: 'Returns', body: 'Free within **30 days**.', category: 'Orders', locale: 'en' });
  await kb.publish((created.body.article as { id: string }).id);
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await Promise.all(clients.map((client) => client.close()));
  await server?.close();
  await Promise.all([source, ...started].map((mongo) => mongo?.stop()));
  rmSync(root, { recursive: true, force: true });
});

describe('backup and restore of the embedded database', () => {
  it('restores every collection document for document, the uploaded file and the indexes included', async () => {
    const sourceDb = await database(source);
    const expected = await settled(sourceDb);
    const { restored } = await backupAndRestore('at-rest');
    expect(await contents(sourceDb)).toEqual(expected);
    const actual = await contents(restored);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['messages', 'conversations', 'visitors', 'kbarticles']));
    expect(Object.keys(expected).some((name) => name.endsWith('.chunks'))).toBe(true);
    for (const name of Object.keys(expected)) expect(actual[name], name).toEqual(expected[name]);
    expect(await indexes(restored)).toEqual(await indexes(sourceDb));
  }, 120_000);

  it('takes a snapshot while a visitor goes on writing: every message acked before it is in it, as stored', async () => {
    const { socket } = await joinAsVisitor(server);
    sockets.push(socket);
    const send = async (text: string) => {
      const sent = await request<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text });
      if (!sent.ok) throw new Error(sent.error.code);
      return sent.data.message;
    };
    const before = await send('before the backup');
    let writing = true;
    let duringBackup = 0;
    const writer = (async () => {
      while (writing) {
        await send(`during the backup ${duringBackup}`);
        duringBackup += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })().catch((err: unknown) => err);
    const { restored } = await backupAndRestore('while-writing').finally(() => {
      writing = false;
    });
    expect(await writer).toBeUndefined();
    expect(duringBackup).toBeGreaterThan(0);
    const sourceMessages = await contents(await database(source));
    const restoredMessages = await contents(restored);
    const stored = new Set(sourceMessages.messages);
    expect(restoredMessages.messages!.every((doc) => stored.has(doc))).toBe(true);
    expect(restoredMessages.messages!.some((doc) => doc.includes(before.clientId))).toBe(true);
  }, 120_000);

  it('refuses a DATA_DIR that is not empty, and a truncated file, leaving the folder as it was', async () => {
    const busy = join(root, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'app-secret'), 'x');
    const file = join(root, 'at-rest.backup');
    await expect(script('restore', ['--in', file], { DATA_DIR: busy })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is not empty'),
    });
    const truncated = join(root, 'truncated.backup');
    const bytes = readFileSync(file);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const fresh = join(root, 'fresh');
    await expect(script('restore', ['--in', truncated], { DATA_DIR: fresh })).rejects.toMatchObject({ code: 1 });
    expect(existsSync(fresh) ? readdirSync(fresh) : []).toEqual([]);
  }, 60_000);

  it('with MONGODB_URI points to MongoDB’s own tools and exits non-zero', async () => {
    const external = { DATA_DIR: sourceDir, MONGODB_URI: 'mongodb://db.example:27017/chat' };
    await expect(script('backup', ['--out', join(root, 'x.backup')], external)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('mongodump'),
    });
    await expect(script('restore', ['--in', join(root, 'x.backup')], external)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('mongorestore'),
    });
  }, 60_000);
});
