import { Schema, type Types, model } from 'mongoose';

/** One document per article: the questions visitors asked that it answered (server/kb/learning). */
const phrasingsSchema = new Schema(
  {
    /** The article's id. */
    _id: { type: Schema.Types.ObjectId, required: true },
    siteId: { type: Schema.Types.ObjectId, required: true },
    /** Increases with every change: orders the index changes it causes across processes. */
    seq: { type: Number, required: true },
    /** The learned phrasings (`LearnedPhrasing` of server/kb/learning, which owns their shape and rules). */
    phrasings: { type: [Schema.Types.Mixed], default: [] },
  },
  { timestamps: { createdAt: false, updatedAt: true } },
);

export interface StoredPhrasings {
  _id: Types.ObjectId;
  siteId: Types.ObjectId;
  seq: number;
  phrasings: unknown[];
}

export const KbPhrasingsModel = model<StoredPhrasings>('KbPhrasings', phrasingsSchema, 'kbphrasings');
