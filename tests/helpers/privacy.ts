// A visitor with something of everything an export holds and an erasure removes, and the searches that
// tell whether anything of them is left (issue 18).
import { EJSON } from 'bson';
import type { Redis } from 'ioredis';
import { Types, type Connection } from 'mongoose';
import { expect } from 'vitest';
import type { Message } from '../../shared/contract';
import { postWebhook, siteSecret } from './shop';
import { clientId, joinAsVisitor, request, type TestServer } from './test-server';
import { agentSocket } from './workplace';

/** What the visitor tagged `tag` says, and their email: words and an address no other visitor has. */
export const says = (tag: string) => `zebrafinch${tag} quokka wants a refund`;
export const emailOf = (tag: string) => `erase-me-${tag}@example.com`;
export const NOTE = 'marmoset-note: VIP buyer, call back';

export const oid = (id: string) => new Types.ObjectId(id);

/**
 * A visitor of the demo site with an email, a conversation with their message and a file, a note, a
 * rating and an order. `cookie`: an agent of the site (who writes the note); `sockets` collects what to close.
 */
export async function seededVisitor(
  server: TestServer,
  db: Connection,
  cookie: string,
  sockets: Array<{ close(): unknown }>,
  tag: string,
  email = emailOf(tag),
) {
  const { socket, session } = await joinAsVisitor(server);
  sockets.push(socket);
  const visitorId = session.visitorId;
  const ok = async <T>(event: string, payload: unknown, on = socket as { emit: unknown }) => {
    const ack = await request<T>(on as never, event, payload);
    if (!ack.ok) throw new Error(`${event}: ${ack.error.code}`);
    return ack.data;
  };
  await ok('visitor:identify', { id: `customer-${tag}`, name: 'Erin Erasable', email });
  await db.collection('visitors').updateOne({ _id: oid(visitorId) }, { $set: { email } });
  const sent = await ok<{ message: Message }>('message:send', { clientId: clientId(), text: says(tag) });
  const conversationId = sent.message.conversationId;
  const upload = await fetch(`${server.url}/api/files/visitor?${new URLSearchParams({ name: 'receipt.txt', clientId: clientId() })}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from(`receipt of ${says(tag)}`),
  });
  expect(upload.status).toBe(201);
  const agent = await agentSocket(server, cookie, sockets);
  await ok('conversation:open', { conversationId }, agent);
  await ok('note:add', { conversationId, clientId: clientId(), text: `${NOTE} ${tag}` }, agent);
  await ok('conversation:close', { conversationId, reason: 'resolved' }, agent);
  await ok('csat:submit', { conversationId, rating: 2, comment: `slow ${tag}` });
  const order = { type: 'order', visitorId, orderId: `ORD-${tag}`, total: 42, currency: 'EUR' };
  expect((await postWebhook(server, await siteSecret(server.dbName), order)).status).toBe(201);
  return { socket, visitorId, conversationId, token: session.token };
}

/** Every document of every collection of the test database, as EJSON text, that contains one of the needles. */
export async function documentsNaming(db: Connection, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const { name } of await db.db!.listCollections().toArray()) {
    for (const doc of await db.db!.collection(name).find({}).toArray()) {
      const text = EJSON.stringify(doc);
      if (needles.some((n) => text.includes(n))) found.push(`${name}: ${text.slice(0, 200)}`);
    }
  }
  return found;
}

/** Every Redis key of the server's prefix whose name or content contains one of the needles. */
export async function redisNaming(redis: Redis, prefix: string, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const text = `${key} ${JSON.stringify(await contentOf(redis, key))}`;
      if (needles.some((n) => text.includes(n))) found.push(text.slice(0, 300));
    }
  } while (cursor !== '0');
  return found;
}

async function contentOf(redis: Redis, key: string): Promise<unknown> {
  const type = await redis.type(key);
  if (type === 'string') return redis.get(key);
  if (type === 'hash') return redis.hgetall(key);
  if (type === 'list') return redis.lrange(key, 0, -1);
  if (type === 'set') return redis.smembers(key);
  if (type === 'zset') return redis.zrange(key, 0, -1);
  return type;
}
