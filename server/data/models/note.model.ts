import { Schema, type Types, model, type InferSchemaType } from 'mongoose';

/**
 * Internal notes, in a collection of their own: the visitor's paths (sync, message pushes) read only
 * messages, so a note cannot reach a visitor by a missed filter.
 */
const noteSchema = new Schema(
  {
    /** `<conversation id>:<client id>`: a re-sent note collides on the primary key instead of being stored twice. */
    _id: { type: String, required: true },
    siteId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    clientId: { type: String, required: true },
    kind: { type: String, enum: ['note', 'transfer'], default: 'note' },
    authorId: { type: Schema.Types.ObjectId, required: true },
    authorName: { type: String, required: true },
    text: { type: String, default: '' },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
noteSchema.index({ conversationId: 1, createdAt: 1 });

export type StoredNote = InferSchemaType<typeof noteSchema> & { _id: string; createdAt: Date; authorId: Types.ObjectId };
export const NoteModel = model('Note', noteSchema);
