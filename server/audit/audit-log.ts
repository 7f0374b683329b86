import { Types } from 'mongoose';
import type { AuditEntry, AuditQuery } from '../../shared/contract/audit';
import type { AuditAction } from '../../shared/contract/audit-actions';
import { auditEntries, type AuditDayFilter, type StoredAuditEntry } from '../data';

/** Days one page request walks at most; a range with nothing in them answers a cursor to go on from. */
const MAX_DAYS_PER_PAGE = 92;
/** Entries read per step when a whole range is exported. */
const EXPORT_STEP = 500;

const DAY_MS = 86_400_000;
const previousDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

/** Where the site's log is read: the newest day, the oldest day that can hold entries, the filter. */
export interface AuditRange {
  siteId: Types.ObjectId;
  /** The newest day read (inclusive). */
  to: string;
  /** The oldest day read (inclusive). */
  from: string;
  filter: AuditDayFilter;
}

/** The range a query asks for: its days, clamped to the days since `floor` (the site's creation) and up to `today`. */
export function rangeOf(siteId: Types.ObjectId, query: Omit<AuditQuery, 'before'>, today: string, floor: string): AuditRange {
  const { actor } = query;
  const filter: AuditDayFilter = {
    ...(query.action && { action: query.action }),
    ...(actor && (actor === 'system' || actor === 'visitor' ? { actorKind: actor } : { actorEmail: actor })),
  };
  const to = query.to && query.to < today ? query.to : today;
  const from = query.from && query.from > floor ? query.from : floor;
  return { siteId, to, from, filter };
}

export function toAuditEntry(stored: StoredAuditEntry): AuditEntry {
  return {
    id: stored._id.toHexString(),
    at: stored.at.toISOString(),
    action: stored.action as AuditAction,
    actor: { kind: stored.actorKind, id: stored.actorId, email: stored.actorEmail, name: stored.actorName },
    target: { kind: stored.targetKind, id: stored.targetId, label: stored.targetLabel },
    details: stored.details ?? {},
    ip: stored.ip,
  };
}

/**
 * One page of the log, newest first, going on from `before` (`<day>` or `<day>.<id>`, a previous
 * page's `next`). Each read is one day of the site with the filter's equalities (indexed on every
 * backend); a page walks at most `MAX_DAYS_PER_PAGE` days.
 */
export async function auditPage(
  range: AuditRange,
  before: string | undefined,
  limit: number,
): Promise<{ entries: StoredAuditEntry[]; next: string | null }> {
  const [cursorDay, cursorId] = before ? before.split('.') : [range.to, undefined];
  let beforeId = cursorId ? new Types.ObjectId(cursorId) : null;
  const entries: StoredAuditEntry[] = [];
  // Days as YYYY-MM-DD sort as text: the earlier of the cursor's day and the range's end.
  let day = [cursorDay!, range.to].sort()[0]!;
  for (let walked = 0; day >= range.from; walked++, day = previousDay(day), beforeId = null) {
    if (walked === MAX_DAYS_PER_PAGE) return { entries, next: day };
    const wanted = limit - entries.length;
    const found = await auditEntries.ofDay(range.siteId, day, range.filter, beforeId, wanted + 1);
    entries.push(...found.slice(0, wanted));
    if (found.length > wanted) return { entries, next: `${day}.${entries.at(-1)!._id.toHexString()}` };
    if (entries.length === limit) return { entries, next: previousDay(day) >= range.from ? previousDay(day) : null };
  }
  return { entries, next: null };
}

/** Every entry of the range, newest first, a step at a time (the CSV export streams them). */
export async function* allEntries(range: AuditRange): AsyncGenerator<StoredAuditEntry[]> {
  for (let day = range.to; day >= range.from; day = previousDay(day)) {
    for (let beforeId: Types.ObjectId | null = null; ; ) {
      const step = await auditEntries.ofDay(range.siteId, day, range.filter, beforeId, EXPORT_STEP);
      if (step.length > 0) yield step;
      if (step.length < EXPORT_STEP) break;
      beforeId = step.at(-1)!._id;
    }
  }
}
