import type { Redis } from 'ioredis';
import mongoose from 'mongoose';
import './models';
import { RedisLock } from './redis-lock';

let lock: RedisLock | null = null;
let lists: Redis | null = null;

/** The per-record lock every read-modify-write of the data layer takes (see redis-lock.ts). */
export function recordLock(): RedisLock {
  if (!lock) throw new Error('connectData() was not called');
  return lock;
}

/** Redis for the ordered lists the embedded database cannot sort (see closed-list.ts). */
export function listRedis(): Redis {
  if (!lists) throw new Error('connectData() was not called');
  return lists;
}

export interface DataConnection {
  mongoUri: string;
  /** Holds the record locks; its key prefix namespaces them per deployment. */
  redis: Redis;
}

/**
 * Connects the data layer: the database, and Redis for the record locks. Every collection's
 * declared indexes are created before the first request.
 */
export async function connectData({ mongoUri, redis }: DataConnection): Promise<void> {
  mongoose.set('bufferCommands', false);
  // While the database is unreachable, an operation waits this long for it and then fails, answered
  // as `unavailable`: well inside the widget's and console's 10 s ack timeouts, so clients get a code
  // to retry on instead of a silent timeout (a replica-set election outlasts it: writes fail and are re-sent).
  // Collections and indexes are created below, one at a time, not by mongoose's own init on connect:
  // FerretDB on PostgreSQL may answer concurrent index creation with a deadlock.
  await mongoose.connect(mongoUri, { serverSelectionTimeoutMS: 3_000, autoCreate: false, autoIndex: false });
  for (const model of Object.values(mongoose.models)) {
    await retryingDeadlocks(async () => {
      await model.createCollection();
      await model.ensureIndexes();
    });
  }
  lock = new RedisLock(redis);
  lists = redis;
}

/** Closes the connection `connectData` opened (other connections of this process stay open). */
export async function disconnectData(): Promise<void> {
  await mongoose.connection.close();
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
