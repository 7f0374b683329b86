import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import './models';
import type { Logger } from '../infra/logger';
import { closeRedis } from '../infra/redis-close';
import { files } from './files';
import { RedisLock } from './redis-lock';

/**
 * What the data layer holds while connected: the database connection, and a Redis client of its own
 * for the record locks and the sorted lists. Mongoose binds every model to its default connection,
 * so the server instances of one process share one of these: each holds a handle, and the last
 * handle closed disconnects it.
 */
interface Shared {
  target: string;
  redis: Redis;
  lock: RedisLock;
  holders: number;
  ready: Promise<void>;
}

let shared: Shared | null = null;

function requireShared(): Shared {
  if (!shared) throw new Error('connectData() was not called');
  return shared;
}

/** The per-record lock every read-modify-write of the data layer takes (see redis-lock.ts). */
export function recordLock(): RedisLock {
  return requireShared().lock;
}

/** Redis for the ordered lists the embedded database cannot sort (see closed-list.ts). */
export function listRedis(): Redis {
  return requireShared().redis;
}

export interface DataConnection {
  mongoUri: string;
  redisUrl: string;
  /** Namespaces the locks and lists per deployment. */
  redisPrefix: string;
  log: Logger;
}

/** A server's hold on the data layer; `close` lets it go (the last one disconnects). */
export interface DataHandle {
  close(): Promise<void>;
}

/**
 * Connects the data layer, or joins the connection another server of this process opened on the same
 * database and Redis prefix. Every collection's declared indexes are created before the first request.
 */
export async function connectData({ mongoUri, redisUrl, redisPrefix, log }: DataConnection): Promise<DataHandle> {
  const target = `${mongoUri} ${redisUrl} ${redisPrefix}`;
  if (shared && shared.target !== target) throw new Error('This process is connected to another database already.');
  if (!shared) {
    const redis = new Redis(redisUrl, { keyPrefix: `${redisPrefix}:`, maxRetriesPerRequest: 2 });
    // ioredis reconnects by itself; without a listener each failed attempt is an unhandled error event.
    redis.on('error', (err: Error) => log.warn({ err: err.message }, 'data layer redis connection error'));
    shared = { target, redis, lock: new RedisLock(redis), holders: 0, ready: openDatabase(mongoUri) };
  }
  const joined = shared;
  joined.holders++;
  let closed = false;
  const handle: DataHandle = {
    async close() {
      if (closed) return;
      closed = true;
      if (--joined.holders > 0) return;
      if (shared === joined) shared = null;
      await closeRedis(joined.redis);
      await mongoose.connection.close();
    },
  };
  try {
    await joined.ready;
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

async function openDatabase(mongoUri: string): Promise<void> {
  mongoose.set('bufferCommands', false);
  // While the database is unreachable, an operation waits this long for it and then fails, answered
  // as `unavailable`: well inside the widget's and console's 10 s ack timeouts, so clients get a code
  // to retry on instead of a silent timeout (a replica-set election outlasts it: writes fail and are re-sent).
  // Collections and indexes are created below, one at a time, not by mongoose's own init on connect:
  // FerretDB on PostgreSQL may answer concurrent index creation with a deadlock.
  // Only what is missing is created below, so a restarted process sends list calls and no DDL.
  await mongoose.connect(mongoUri, {
    serverSelectionTimeoutMS: 3_000,
    autoCreate: false,
    autoIndex: false,
    // At most this many operations in flight per process, unless the address says otherwise. The
    // embedded database (FerretDB) holds 50 PostgreSQL connections; in a rolling restart at 5,000
    // sockets, three processes with the driver's default of 100 each left all 50 held and idle, and it
    // answered nothing more, not even ping. Three processes at 15 stay below 50.
    ...(/[?&]maxPoolSize=/i.test(mongoUri) ? {} : { maxPoolSize: 15 }),
  });
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const model of Object.values(mongoose.models)) {
    await retryingDeadlocks(async () => {
      if (!existing.has(model.collection.collectionName)) await model.createCollection();
      if ((await model.diffIndexes()).toCreate.length > 0) await model.ensureIndexes();
    });
  }
  await retryingDeadlocks(() => files.ensureIndexes(existing));
}

/** Whether the driver holds a connection to the database (the health check tells busy from gone). */
export function databaseConnected(): boolean {
  return mongoose.connection.readyState === mongoose.ConnectionStates.connected;
}

/** Resolves when the database answers a ping (the health check). */
export async function pingDatabase(): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  await db.admin().ping();
}

const DEADLOCK = '40P01';

/** Runs `work` again when the database broke a deadlock by failing it (another process creating indexes at once). */
async function retryingDeadlocks(work: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !(err instanceof Error) || !err.message.includes(DEADLOCK)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
