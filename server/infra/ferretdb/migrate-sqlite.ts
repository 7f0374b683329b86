import { renameSync } from 'node:fs';
import getPort from 'get-port';
import { MongoClient, type Document } from 'mongodb';
import { spawnUntilReady } from '../child-process';

const BATCH = 1_000;
const DUPLICATE_KEY = 11000;

/**
 * Copies a data folder written by the SQLite-backed embedded database (before 2026-12) into the
 * running PostgreSQL-backed one: every database, collection, index and document, in batches. The
 * old folder is renamed only after everything is copied, so a start-up killed midway copies again
 * (documents already copied are skipped by their `_id`).
 */
export async function migrateSqliteData(
  launcher: string,
  sqliteDir: string,
  targetUri: string,
  log: (line: string) => void,
): Promise<void> {
  log(`Moving the embedded database in ${sqliteDir} from SQLite to PostgreSQL…`);
  const port = await getPort({ host: '127.0.0.1' });
  const sqlite = await spawnUntilReady(launcher, ['-listen', `127.0.0.1:${port}`, '-handler', 'sqlite', '-data', sqliteDir], (line) =>
    line.startsWith('ready '),
  );
  const source = new MongoClient(sqlite.readyLine.slice('ready '.length).trim());
  const target = new MongoClient(targetUri);
  try {
    const { databases } = await source.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) {
      for (const { name: collection } of await source.db(name).listCollections({}, { nameOnly: true }).toArray()) {
        const copied = await copyCollection(source.db(name).collection(collection), target.db(name).collection(collection));
        log(`  ${name}.${collection}: ${copied} documents`);
      }
    }
  } finally {
    await Promise.all([source.close(), target.close()]);
    await sqlite.stop();
  }
  renameSync(sqliteDir, `${sqliteDir}-sqlite-migrated`);
  log(`The SQLite files are kept in ${sqliteDir}-sqlite-migrated; delete them once the data looks right.`);
}

type Collection = ReturnType<ReturnType<MongoClient['db']>['collection']>;

async function copyCollection(from: Collection, to: Collection): Promise<number> {
  for (const { key, name, unique } of await from.listIndexes().toArray()) {
    if (name !== '_id_') await to.createIndex(key as Document, { name, unique: unique === true });
  }
  let copied = 0;
  let batch: Document[] = [];
  const flush = async () => {
    await to.insertMany(batch, { ordered: false }).catch((err: { code?: number; writeErrors?: Array<{ code: number }> }) => {
      const errors = err.writeErrors ?? [err];
      if (!errors.every((e) => e.code === DUPLICATE_KEY)) throw err;
    });
    copied += batch.length;
    batch = [];
  };
  for await (const doc of from.find().sort({ _id: 1 })) {
    batch.push(doc);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length) await flush();
  return copied;
}
