import { Schema, type Types, model } from 'mongoose';

/**
 * Self-service facts for analytics, one document each: a search (with its result count: zero is a
 * content gap), an article view, a deflection (a read not followed by a chat), an escalation (the
 * visitor asked for a person after reading an article).
 */
const signalSchema = new Schema({
  siteId: { type: Schema.Types.ObjectId, required: true },
  type: { type: String, enum: ['search', 'view', 'deflection', 'escalation'], required: true },
  visitorId: { type: Schema.Types.ObjectId, required: true },
  locale: { type: String, default: null },
  /** Searches: the query folded and trimmed, so spelling variants group together. */
  query: { type: String, default: null },
  results: { type: Number, default: null },
  articleId: { type: Schema.Types.ObjectId, default: null },
  at: { type: Date, required: true },
});
signalSchema.index({ siteId: 1, type: 1, at: -1 });
signalSchema.index({ visitorId: 1, type: 1, at: -1 });

export type SignalType = 'search' | 'view' | 'deflection' | 'escalation';
export interface StoredSignal {
  _id: Types.ObjectId;
  siteId: Types.ObjectId;
  type: SignalType;
  visitorId: Types.ObjectId;
  locale: string | null;
  query: string | null;
  results: number | null;
  articleId: Types.ObjectId | null;
  at: Date;
}
export const SignalModel = model('KbSignal', signalSchema);

/** "Was this helpful?": one vote per visitor and article (a later vote replaces it), so counts are people. */
const voteSchema = new Schema({
  siteId: { type: Schema.Types.ObjectId, required: true },
  articleId: { type: Schema.Types.ObjectId, required: true },
  visitorId: { type: Schema.Types.ObjectId, required: true },
  helpful: { type: Boolean, required: true },
  at: { type: Date, required: true },
});
voteSchema.index({ articleId: 1, visitorId: 1 }, { unique: true });
voteSchema.index({ siteId: 1, at: -1 });
export const VoteModel = model('KbVote', voteSchema);
