import { Schema, type Types, model } from 'mongoose';

/**
 * A visitor's chat question the knowledge base could not answer confidently: a content gap for the
 * editors (server/kb/gaps). Stored scrubbed; one per conversation and question (`key`), so a visitor
 * who repeats a question, or a replayed event, counts once.
 */
const gapSchema = new Schema({
  siteId: { type: Schema.Types.ObjectId, required: true },
  conversationId: { type: Schema.Types.ObjectId, required: true },
  locale: { type: String, required: true },
  /** The question with personal data replaced by markers ({email}, {order}…). */
  text: { type: String, required: true },
  /** The question folded, markers and punctuation dropped: what "the same question" means. */
  key: { type: String, required: true },
  at: { type: Date, required: true },
});
gapSchema.index({ siteId: 1, at: -1 });
gapSchema.index({ conversationId: 1, key: 1 }, { unique: true });

export interface StoredGap {
  _id: Types.ObjectId;
  siteId: Types.ObjectId;
  conversationId: Types.ObjectId;
  locale: string;
  text: string;
  key: string;
  at: Date;
}

export const KbGapModel = model<StoredGap>('KbGap', gapSchema, 'kbgaps');
