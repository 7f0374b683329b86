import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';
import pg from 'pg';
import { FORMAT, type Header, type Line, qualified, ROW_PREFIX, type Table, type Totals, VERSION } from './snapshot-format';

const FETCH_ROWS = 1_000;

/**
 * Writes every FerretDB database of the PostgreSQL cluster at `url` to `file` (see snapshot-format.ts)
 * while the server goes on writing: everything is read in one REPEATABLE READ transaction, so the file
 * is the database as it was at one instant, across all collections. The file appears only when complete.
 */
export async function writeSnapshot(url: string, file: string): Promise<Totals> {
  const client = new pg.Client({ connectionString: url, application_name: 'lifecycle-chat backup' });
  await client.connect();
  const partial = `${file}.partial`;
  const gzip = createGzip({ level: 1 });
  const written = pipeline(gzip, createWriteStream(partial, { mode: 0o600 }));
  try {
    const totals = await dump(client, gzip);
    gzip.end();
    await written;
    renameSync(partial, file);
    return totals;
  } catch (err) {
    gzip.destroy();
    await written.catch(() => undefined);
    rmSync(partial, { force: true });
    throw err;
  } finally {
    await client.end();
  }
}

async function dump(client: pg.Client, out: Gzip): Promise<Totals> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const line = (value: Header | Line) => write(`${JSON.stringify(value)}\n`);
  await client.query(`SET lock_timeout = '10s'`);
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const { rows: versions } = await client.query<{ server_version: string }>('SHOW server_version');
  const schemas = await ferretdbSchemas(client);
  await refuseUnknownObjects(client, schemas);
  const tables = await tablesOf(client, schemas);
  // No table can be dropped or rewritten before it is read (writes go on).
  if (tables.length) await client.query(`LOCK TABLE ${tables.map((t) => qualified(t)).join(', ')} IN ACCESS SHARE MODE`);
  await line({ format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), postgres: versions[0]!.server_version });
  const totals: Totals = { tables: 0, rows: 0 };
  for (const schema of schemas) {
    await line({ schema });
    for (const { oid, ...table } of tables.filter((t) => t.schema === schema)) {
      await line({ table });
      totals.rows += await dumpRows(client, table, write);
      totals.tables += 1;
      for (const constraint of await constraintsOf(client, oid)) await line({ constraint });
      for (const index of await indexesOf(client, oid)) await line({ index });
    }
  }
  await line({ end: totals });
  await client.query('COMMIT');
  return totals;
}

async function dumpRows(client: pg.Client, table: Table, write: (text: string) => Promise<void>): Promise<number> {
  await client.query(`DECLARE snapshot_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM ${qualified(table)} t`);
  let count = 0;
  for (;;) {
    const { rows } = await client.query<{ r: string }>(`FETCH ${FETCH_ROWS} FROM snapshot_rows`);
    if (!rows.length) break;
    count += rows.length;
    await write(rows.map(({ r }) => `${ROW_PREFIX}${r}}\n`).join(''));
  }
  await client.query('CLOSE snapshot_rows');
  return count;
}

/** FerretDB keeps each MongoDB database in a schema of its own, marked by its metadata table. */
async function ferretdbSchemas(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname AS name FROM pg_namespace n
     WHERE EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind = 'r' AND c.relname = '_ferretdb_database_metadata')
     ORDER BY n.nspname`,
  );
  return rows.map((r) => r.name);
}

/** FerretDB makes tables and indexes only; anything else (a view, a sequence) the format would lose. */
async function refuseUnknownObjects(client: pg.Client, schemas: string[]): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1) AND c.relkind NOT IN ('r', 'i')`,
    [schemas],
  );
  if (rows.length) throw new Error(`The database holds objects a backup cannot carry: ${rows.map((r) => r.name).join(', ')}`);
}

async function tablesOf(client: pg.Client, schemas: string[]): Promise<Array<Table & { oid: number }>> {
  const { rows } = await client.query<Table & { oid: number }>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name,
            json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'notNull', a.attnotnull)
                     ORDER BY a.attnum) AS columns
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = ANY($1) AND c.relkind = 'r'
     GROUP BY c.oid, n.nspname, c.relname
     ORDER BY n.nspname, c.relname`,
    [schemas],
  );
  return rows;
}

async function constraintsOf(client: pg.Client, oid: number): Promise<Array<{ name: string; definition: string }>> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = $1 AND contype IN ('p', 'u', 'c') ORDER BY conname`,
    [oid],
  );
  return rows;
}

/** Valid indexes not made by a constraint (a GIN twin still being built concurrently is not valid yet). */
async function indexesOf(client: pg.Client, oid: number): Promise<string[]> {
  const { rows } = await client.query<{ definition: string }>(
    `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1 AND i.indisvalid
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)
     ORDER BY c.relname`,
    [oid],
  );
  return rows.map((r) => r.definition);
}
