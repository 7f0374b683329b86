import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { FORMAT, type Header, type Line, qualified, quoteIdent, ROW_PREFIX, type Table, type Totals, VERSION } from './snapshot-format';

const BATCH_ROWS = 1_000;
const BATCH_CHARS = 8_000_000;

/**
 * Recreates what a backup file holds (see snapshot-format.ts) in the PostgreSQL cluster at `url`:
 * schemas, tables, rows, then each table's constraints and indexes (built once, after its rows), all
 * in one transaction, so a file that turns out truncated or corrupt leaves nothing behind.
 */
export async function restoreSnapshot(file: string, url: string): Promise<Totals> {
  const client = new pg.Client({ connectionString: url, application_name: 'lifecycle-chat restore' });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Room for the index builds after the rows (the default, 64 MB, spills FerretDB's GIN twins to disk).
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    const totals = await load(client, file);
    await client.query('COMMIT');
    return totals;
  } finally {
    await client.end();
  }
}

async function load(client: pg.Client, file: string): Promise<Totals> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
  const totals: Totals = { tables: 0, rows: 0 };
  let table: Table | undefined;
  let batch: string[] = [];
  let batchChars = 0;
  const flush = async () => {
    if (!batch.length) return;
    const target = qualified(table!);
    await client.query(`INSERT INTO ${target} SELECT * FROM jsonb_populate_recordset(NULL::${target}, $1::jsonb)`, [
      `[${batch.join(',')}]`,
    ]);
    totals.rows += batch.length;
    batch = [];
    batchChars = 0;
  };
  let header: Header | undefined;
  let end: Totals | undefined;
  for await (const text of lines) {
    if (!header) {
      header = checkedHeader(text);
      continue;
    }
    if (end) throw new Error('The backup file goes on after its end line.');
    if (text.startsWith(ROW_PREFIX)) {
      if (!table) throw new Error('The backup file has a row before any table.');
      batch.push(text.slice(ROW_PREFIX.length, -1));
      batchChars += text.length;
      if (batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS) await flush();
      continue;
    }
    await flush();
    const line = JSON.parse(text) as Line;
    if ('schema' in line) await client.query(`CREATE SCHEMA ${quoteIdent(line.schema)}`);
    else if ('table' in line) {
      table = line.table;
      const columns = table.columns.map((c) => `${quoteIdent(c.name)} ${c.type}${c.notNull ? ' NOT NULL' : ''}`);
      await client.query(`CREATE TABLE ${qualified(table)} (${columns.join(', ')})`);
      totals.tables += 1;
    } else if ('constraint' in line) {
      await client.query(
        `ALTER TABLE ${qualified(table!)} ADD CONSTRAINT ${quoteIdent(line.constraint.name)} ${line.constraint.definition}`,
      );
    } else if ('index' in line) await client.query(line.index);
    else if ('end' in line) end = line.end;
    else throw new Error(`The backup file has a line this version does not know: ${text.slice(0, 80)}`);
  }
  if (!end) throw new Error('The backup file is truncated (it has no end line).');
  if (end.tables !== totals.tables || end.rows !== totals.rows) {
    throw new Error(`The backup file announces ${end.tables} tables and ${end.rows} rows but holds ${totals.tables} and ${totals.rows}.`);
  }
  return totals;
}

function checkedHeader(text: string): Header {
  const header = JSON.parse(text) as Partial<Header>;
  if (header.format !== FORMAT) throw new Error('This is not a Lifecycle Chat backup file.');
  if (header.version !== VERSION)
    throw new Error(`This backup file is of format version ${header.version}; this version reads ${VERSION}.`);
  return header as Header;
}
