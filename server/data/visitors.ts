import { Types } from 'mongoose';
import { recordLock } from './connection';
import { asUpdate, fieldChanges } from './field-changes';
import { VisitorModel, type Visitor } from './models/visitor.model';

export type { Visitor };

/** The visitor as it was read inside the lock, and as stored after the change. */
export interface VisitorUpdate {
  before: Visitor;
  after: Visitor;
}

/** Computes the next state from the current one, read inside the visitor's lock; null changes nothing. */
export type VisitorChange = (current: Visitor) => Visitor | null | Promise<Visitor | null>;

const asId = (id: string | Types.ObjectId): Types.ObjectId | null =>
  typeof id !== 'string' ? id : Types.ObjectId.isValid(id) ? new Types.ObjectId(id) : null;

interface Waiting {
  change: VisitorChange;
  resolve(result: VisitorUpdate | null): void;
  reject(err: unknown): void;
}

/** Per visitor: the changes waiting in this process for its next locked write. */
const waiting = new Map<string, Waiting[]>();

/**
 * Takes the visitor's lock, then the changes gathered meanwhile, and applies and writes them. A
 * change that throws fails its caller alone; a lock or write that fails fails the whole batch, none
 * of which was stored.
 */
async function writeBatch(_id: Types.ObjectId): Promise<void> {
  const key = _id.toHexString();
  const take = () => {
    const batch = waiting.get(key) ?? [];
    waiting.delete(key);
    return batch;
  };
  let batch: Waiting[] | null = null;
  let results: Array<[Waiting, VisitorUpdate | null]> = [];
  try {
    await recordLock().run(`visitor:${key}`, async () => {
      batch = take();
      results = await applyAndWrite(_id, batch);
    });
  } catch (err) {
    for (const one of batch ?? take()) one.reject(err);
    return;
  }
  for (const [one, result] of results) one.resolve(result);
}

/**
 * Re-reads the visitor, applies each change to the result of the one before (so each caller gets its
 * own before and after), and writes the fields they changed, at once.
 */
async function applyAndWrite(_id: Types.ObjectId, batch: Waiting[]): Promise<Array<[Waiting, VisitorUpdate | null]>> {
  const stored = await VisitorModel.findById(_id).lean<Visitor>();
  if (!stored) return batch.map((one) => [one, null]);
  const applied: Array<[Waiting, Visitor, Visitor]> = [];
  let current = stored;
  for (const one of batch) {
    try {
      const next = await one.change(current);
      const after = next && fieldChanges(current, next) ? next : current;
      applied.push([one, current, after]);
      current = after;
    } catch (err) {
      one.reject(err);
    }
  }
  const changes = fieldChanges(stored, current);
  const updatedAt = changes ? new Date() : stored.updatedAt;
  if (changes) await VisitorModel.updateOne({ _id }, asUpdate(changes, { updatedAt }), { timestamps: false });
  const stamped = (visitor: Visitor): Visitor =>
    visitor === stored ? stored : { ...visitor, _id, createdAt: stored.createdAt, updatedAt };
  return applied.map(([one, before, after]) => [one, { before: stamped(before), after: stamped(after) }]);
}

/** Visitors: one document each, written only through `update`. */
export const visitors = {
  async byId(id: string | Types.ObjectId): Promise<Visitor | null> {
    const _id = asId(id);
    return _id && VisitorModel.findById(_id).lean<Visitor>();
  },

  async create(fields: { siteId: Types.ObjectId; customerId?: string; identified?: boolean }): Promise<Visitor> {
    return (await VisitorModel.create(fields)).toObject<Visitor>();
  },

  /** The shop customer's most recently seen visitor on the site. */
  async byCustomer(siteId: Types.ObjectId, customerId: string): Promise<Visitor | null> {
    return VisitorModel.findOne({ siteId, customerId: String(customerId) })
      .sort({ lastSeenAt: -1 })
      .lean<Visitor>();
  },

  /**
   * The one write path of a visitor, correct across processes: holds the visitor's lock, re-reads
   * the document, applies `change`, and writes only the fields that changed — so even a writer whose
   * lease ran out mid-write cannot undo another writer's fields. Changes of one visitor that arrive
   * while this process waits for the lock are applied in the same locked write, in arrival order.
   * Null when there is no such visitor.
   */
  async update(id: string | Types.ObjectId, change: VisitorChange): Promise<VisitorUpdate | null> {
    const _id = asId(id);
    if (!_id) return null;
    return new Promise((resolve, reject) => {
      const key = _id.toHexString();
      const gathering = waiting.get(key);
      if (gathering) gathering.push({ change, resolve, reject });
      else {
        waiting.set(key, [{ change, resolve, reject }]);
        void writeBatch(_id);
      }
    });
  },

  /** Records that the visitor wants no more reply or transcript emails (the first opt-out's time stays); false: no such visitor. */
  async optOutOfEmail(id: string | Types.ObjectId, at: Date): Promise<boolean> {
    const result = await visitors.update(id, (visitor) => (visitor.emailOptOutAt ? null : { ...visitor, emailOptOutAt: at }));
    return result !== null;
  },

  /** Visitors who have ordered, in id order after `afterId`: the at-risk sweep's pages (a background job). */
  async customersAfter(afterId: Types.ObjectId | null, limit: number): Promise<Visitor[]> {
    return VisitorModel.find({ 'orders.0': { $exists: true }, atRiskReason: null, ...(afterId && { _id: { $gt: afterId } }) })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Visitor[]>();
  },
};
