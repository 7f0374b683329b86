// Reads the UCI Online Shoppers Purchasing Intention CSV and maps each session onto IntentSignals.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { IntentSignals } from '../../shared/lifecycle';

export interface Session {
  /** 0-based data-row index in the file (the split key). */
  index: number;
  signals: IntentSignals;
  purchased: boolean;
}

/** Which UCI column feeds which signal; printed with the results. */
export const UCI_MAPPING: Record<keyof IntentSignals, string> = {
  accountPages: 'Administrative',
  accountSeconds: 'Administrative_Duration',
  infoPages: 'Informational',
  infoSeconds: 'Informational_Duration',
  productPages: 'ProductRelated',
  productSeconds: 'ProductRelated_Duration',
  bounceRate: 'BounceRates',
  exitRate: 'ExitRates',
  pageValue: 'PageValues',
  returning: 'VisitorType == Returning_Visitor',
  month: 'Month (Jan…Dec → 1…12; the data has no Jan or Apr)',
  weekend: 'Weekend',
  cartItems: '— (not in UCI: 0)',
  checkoutStarted: '— (not in UCI: false)',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

type Row = Record<string, string>;

function number(row: Row, column: string): number {
  const value = Number(row[column]);
  if (row[column] === undefined || !Number.isFinite(value)) throw new Error(`bad ${column}: ${row[column]}`);
  return value;
}

function boolean(row: Row, column: string): boolean {
  if (row[column] === 'TRUE') return true;
  if (row[column] === 'FALSE') return false;
  throw new Error(`bad ${column}: ${row[column]}`);
}

function month(row: Row): number {
  const index = MONTHS.indexOf(String(row.Month).slice(0, 3).toLowerCase());
  if (index < 0) throw new Error(`bad Month: ${row.Month}`);
  return index + 1;
}

export function loadSessions(path: string): Session[] {
  const rows = parse(readFileSync(path), { columns: true, skip_empty_lines: true }) as Row[];
  return rows.map((row, index) => ({
    index,
    purchased: boolean(row, 'Revenue'),
    signals: {
      accountPages: number(row, 'Administrative'),
      accountSeconds: number(row, 'Administrative_Duration'),
      infoPages: number(row, 'Informational'),
      infoSeconds: number(row, 'Informational_Duration'),
      productPages: number(row, 'ProductRelated'),
      productSeconds: number(row, 'ProductRelated_Duration'),
      bounceRate: number(row, 'BounceRates'),
      exitRate: number(row, 'ExitRates'),
      pageValue: number(row, 'PageValues'),
      returning: row.VisitorType === 'Returning_Visitor',
      month: month(row),
      weekend: boolean(row, 'Weekend'),
      cartItems: 0,
      checkoutStarted: false,
    },
  }));
}
