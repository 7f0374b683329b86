import { Schema, type Types, model, type InferSchemaType } from 'mongoose';
import { attachmentSchema } from './attachment.schema';

/** A saved reply an agent inserts with "/shortcut"; `_id` is `<site id>:<shortcut>`, so a shortcut exists once per site. */
const cannedSchema = new Schema(
  {
    _id: { type: String, required: true },
    siteId: { type: Schema.Types.ObjectId, required: true, index: true },
    shortcut: { type: String, required: true },
    title: { type: String, required: true },
    text: { type: String, required: true },
    quickReplies: { type: [String], default: undefined },
    /** A file sent with the text (a copy goes into each conversation). */
    attachment: { type: attachmentSchema, default: undefined },
  },
  { timestamps: true },
);

export type StoredCanned = InferSchemaType<typeof cannedSchema> & { _id: string; siteId: Types.ObjectId; updatedAt: Date };
export const CannedModel = model('CannedResponse', cannedSchema);

export function cannedKey(siteId: Types.ObjectId, shortcut: string): string {
  return `${siteId.toHexString()}:${shortcut}`;
}
