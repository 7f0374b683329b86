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
    return VisitorModel.findOne({ siteId, customerId: String(customerId) }).sort({ lastSeenAt: -1 }).lean<Visitor>();
  },

  /**
   * The one write path of a visitor, correct across processes: holds the visitor's lock, re-reads
   * the document, applies `change`, and writes only the fields that changed — so even a writer whose
   * lease ran out mid-write cannot undo another writer's fields. Null when there is no such visitor.
   */
  async update(id: string | Types.ObjectId, change: VisitorChange): Promise<VisitorUpdate | null> {
    const _id = asId(id);
    if (!_id) return null;
    return recordLock().run(`visitor:${_id.toHexString()}`, async () => {
      const before = await VisitorModel.findById(_id).lean<Visitor>();
      if (!before) return null;
      const next = await change(before);
      const changes = next && fieldChanges(before, next);
      if (!next || !changes) return { before, after: before };
      const updatedAt = new Date();
      await VisitorModel.updateOne({ _id }, asUpdate(changes, { updatedAt }), { timestamps: false });
      return { before, after: { ...next, _id, createdAt: before.createdAt, updatedAt } };
    });
  },

  /** Visitors who have ordered, in id order after `afterId`: the at-risk sweep's pages (a background job). */
  async customersAfter(afterId: Types.ObjectId | null, limit: number): Promise<Visitor[]> {
    return VisitorModel.find({ 'orders.0': { $exists: true }, atRiskReason: null, ...(afterId && { _id: { $gt: afterId } }) })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Visitor[]>();
  },
};
