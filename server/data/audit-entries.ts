import type { Types } from 'mongoose';
import { AuditEntryModel, type StoredAuditEntry } from './models/audit-entry.model';

export type { StoredAuditEntry };

/** What one day's read filters on besides the site and the day: equalities only, each on an indexed field. */
export interface AuditDayFilter {
  action?: string;
  actorKind?: string;
  actorEmail?: string;
}

/**
 * The audit trail's storage. Append-only by construction: entries are inserted, read one site-day at
 * a time, and deleted only by retention, a whole day at once. Nothing here updates an entry.
 */
export const auditEntries = {
  /** Stores entries whose `_id` the caller made; an entry already stored (a retried batch) is skipped. */
  async insert(entries: readonly StoredAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await AuditEntryModel.insertMany(entries, { ordered: false });
    } catch (err) {
      // A retried batch: every failure a duplicate id means the rest went in.
      const writeErrors = (err as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }).writeErrors;
      if (!writeErrors?.every((e) => (e.code ?? e.err?.code) === 11000)) throw err;
    }
  },

  /** Up to `limit` of the site's entries of `day` matching `filter`, newest first, older than `beforeId` when given. */
  async ofDay(
    siteId: Types.ObjectId,
    day: string,
    filter: AuditDayFilter,
    beforeId: Types.ObjectId | null,
    limit: number,
  ): Promise<StoredAuditEntry[]> {
    const query: Record<string, unknown> = { siteId, day, ...filter, ...(beforeId && { _id: { $lt: beforeId } }) };
    return AuditEntryModel.find(query).sort({ _id: -1 }).limit(limit).lean<StoredAuditEntry[]>();
  },

  /** Retention: deletes the site's entries of one day; answers how many went. */
  async removeDay(siteId: Types.ObjectId, day: string): Promise<number> {
    return (await AuditEntryModel.deleteMany({ siteId, day })).deletedCount;
  },
};
