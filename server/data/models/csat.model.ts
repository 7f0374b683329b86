import { Schema, type Types, model, type InferSchemaType } from 'mongoose';

/** A visitor's rating of a closed conversation; `_id` is the conversation's, so it is stored once. */
const csatSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    siteId: { type: Schema.Types.ObjectId, required: true, index: true },
    visitorId: { type: Schema.Types.ObjectId, required: true },
    /** Who closed the conversation: the rating is about their answer. */
    agentId: { type: Schema.Types.ObjectId, default: null },
    rating: { type: Number, required: true, min: 1, max: 5 },
    comment: { type: String, default: '' },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

export type StoredCsat = InferSchemaType<typeof csatSchema> & { _id: Types.ObjectId; createdAt: Date };
export const CsatModel = model('Csat', csatSchema);
