import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import type { AuditAction } from '../../shared/contract/audit-actions';
import type { AuditActor } from '../../shared/contract/audit';
import { auditEntries, type StoredAuditEntry } from '../data';
import type { Logger } from '../infra/logger';

/** One thing to record: on which site, who (`actor`), what (`action` on `target`), when, from where. */
export interface AuditRecord {
  siteId: Types.ObjectId | string;
  action: AuditAction;
  actor: AuditActor;
  target: { kind: string; id: string | null; label: string | null };
  details?: Record<string, string>;
  ip: string | null;
  at: Date;
}

export interface AuditTrailOptions {
  log: Logger;
  /** How long `record` gathers entries before one insert stores them. */
  batchMs: number;
  /** A batch this large is stored at once. */
  maxBatch: number;
  /** Waits between attempts to store a batch; after the last one fails, the entries are logged as lost. */
  retryMs: readonly number[];
}

/** The date's UTC day, the bucket the trail is read and deleted by. */
const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

function toStored(record: AuditRecord): StoredAuditEntry {
  const { actor, target } = record;
  return {
    _id: new Types.ObjectId(),
    siteId: new Types.ObjectId(String(record.siteId)),
    at: record.at,
    day: dayOf(record.at),
    action: record.action,
    actorKind: actor.kind,
    actorId: actor.id,
    actorEmail: actor.email?.toLowerCase() ?? null,
    actorName: actor.name,
    targetKind: target.kind,
    targetId: target.id,
    targetLabel: target.label,
    details: record.details ?? {},
    ip: record.ip,
  };
}

/**
 * The audit trail's recording API ("audit.record"). `record` costs the caller nothing: entries are
 * gathered for `batchMs` and stored with one insert, retried on failure; a batch that still fails is
 * logged entry by entry at error level, never dropped silently. `recordNow` stores at once, for
 * callers that must not go on unrecorded (an export, an erasure). Each entry's id is made when it is
 * recorded, so a retried insert never stores it twice.
 */
export class AuditTrail {
  private pending: StoredAuditEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private storing: Promise<void> = Promise.resolve();

  constructor(private readonly options: AuditTrailOptions) {}

  record(record: AuditRecord): void {
    this.pending.push(toStored(record));
    if (this.pending.length >= this.options.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.batchMs);
  }

  async recordNow(record: AuditRecord): Promise<void> {
    await auditEntries.insert([toStored(record)]);
  }

  /** Stores what was recorded so far; resolves once it is stored (or logged as lost). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.storing = this.storing.then(() => this.store(batch));
    return this.storing;
  }

  private async store(batch: StoredAuditEntry[]): Promise<void> {
    const { retryMs, log } = this.options;
    for (let attempt = 0; ; attempt++) {
      try {
        await auditEntries.insert(batch);
        return;
      } catch (err) {
        if (attempt >= retryMs.length) {
          for (const entry of batch) log.error({ err, auditEntry: entry }, 'audit entry could not be stored');
          return;
        }
        await sleep(retryMs[attempt]);
      }
    }
  }
}
