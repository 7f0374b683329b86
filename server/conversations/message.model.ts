import { Schema, Types, model, type InferSchemaType } from 'mongoose';

const messageSchema = new Schema(
  {
    siteId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    clientId: { type: String, required: true },
    author: { type: String, enum: ['visitor', 'agent', 'system'], required: true },
    authorId: { type: Schema.Types.ObjectId, default: null },
    authorName: { type: String, default: null },
    text: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
// Exactly-once storage: a re-sent message (same client id) hits this index instead of a second insert.
messageSchema.index({ conversationId: 1, clientId: 1 }, { unique: true });
// Each position is taken once: concurrent writers that pick the same `seq` collide here and retry.
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true });

export type StoredMessage = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId; createdAt: Date };
export const MessageModel = model('Message', messageSchema);
