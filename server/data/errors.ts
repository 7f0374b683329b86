import { mongo } from 'mongoose';

/**
 * The database cannot serve this right now (down, restarting, failing over, or the embedded
 * database's SQLite file busy with another writer): a failure of the moment, not of the request.
 * (`PoolClearedError` is a network error.)
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  return (
    err instanceof mongo.MongoNetworkError ||
    err instanceof mongo.MongoServerSelectionError ||
    (err instanceof mongo.MongoServerError && err.message.includes('SQLITE_BUSY'))
  );
}
