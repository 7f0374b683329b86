/**
 * A backup file of the embedded database: gzip-compressed JSON lines, one object per line, in this order.
 *
 *   {"format":"lifecycle-chat-backup","version":1,"createdAt":ISO date,"postgres":server version}
 *   then for each FerretDB database (a PostgreSQL schema holding `_ferretdb_database_metadata`):
 *     {"schema":name}
 *     then for each of its tables (FerretDB's metadata table and one per collection):
 *       {"table":{"schema","name","columns":[{"name","type","notNull"}]}}
 *       {"row":{column: value, …}}                  one per row (`to_jsonb` of the row)
 *       {"constraint":{"name","definition"}}        its primary key, unique and check constraints
 *       {"index":CREATE INDEX statement}            every other valid index
 *   {"end":{"tables":count,"rows":count}}         a file without it is truncated
 *
 * A FerretDB collection's table has one column, `_jsonb`: each document as FerretDB stores it, with
 * its type schema (`$s`), so ObjectIds, dates, binaries, int/long/double stay what they were. The
 * metadata table maps collection names to tables and MongoDB index names to PostgreSQL ones, and
 * the index statements are FerretDB's own, so a restored database has the same tables and indexes.
 */
export const FORMAT = 'lifecycle-chat-backup';
export const VERSION = 1;

export interface Header {
  format: typeof FORMAT;
  version: typeof VERSION;
  createdAt: string;
  postgres: string;
}

export interface Column {
  name: string;
  type: string;
  notNull: boolean;
}

export interface Table {
  schema: string;
  name: string;
  columns: Column[];
}

export interface Totals {
  tables: number;
  rows: number;
}

/** Every line but a row's; a row line is `{"row":` + the row's JSON + `}`. */
export type Line =
  | { schema: string }
  | { table: Table }
  | { constraint: { name: string; definition: string } }
  | { index: string }
  | { end: Totals };

export const ROW_PREFIX = '{"row":';

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
export const qualified = (table: Pick<Table, 'schema' | 'name'>): string => `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
