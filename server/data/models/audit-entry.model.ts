import { Schema, type Types, model } from 'mongoose';

/**
 * One entry of a site's audit trail (issue 18): who did what to which record, when, from where.
 * Append-only: the data layer inserts and reads entries, and retention deletes whole days of them.
 * Fields are top-level so the embedded database can use an index for each filter (README, "The data layer").
 */
const auditEntrySchema = new Schema({
  siteId: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
  /** `at`'s UTC day: the log and retention read one day at a time. */
  day: { type: String, required: true },
  action: { type: String, required: true },
  actorKind: { type: String, required: true },
  actorId: { type: String, default: null },
  /** Lowercased; the log filters on it. */
  actorEmail: { type: String, default: null },
  actorName: { type: String, default: null },
  targetKind: { type: String, required: true },
  targetId: { type: String, default: null },
  targetLabel: { type: String, default: null },
  details: { type: Schema.Types.Mixed, default: {} },
  ip: { type: String, default: null },
});
auditEntrySchema.index({ siteId: 1, day: 1, _id: -1 });
auditEntrySchema.index({ siteId: 1, day: 1, action: 1 });
auditEntrySchema.index({ siteId: 1, day: 1, actorEmail: 1 });
auditEntrySchema.index({ siteId: 1, at: -1 });

export interface StoredAuditEntry {
  _id: Types.ObjectId;
  siteId: Types.ObjectId;
  at: Date;
  day: string;
  action: string;
  actorKind: 'user' | 'visitor' | 'system';
  actorId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  targetKind: string;
  targetId: string | null;
  targetLabel: string | null;
  details: Record<string, string>;
  ip: string | null;
}

export const AuditEntryModel = model<StoredAuditEntry>('AuditEntry', auditEntrySchema, 'auditentries');
