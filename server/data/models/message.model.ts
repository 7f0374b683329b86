import { Schema, type Types, model, type InferSchemaType } from 'mongoose';
import { MessageAuthor } from '../../../shared/contract/entities';
import { SECRET_KINDS } from '../../../shared/privacy/mask-secrets';
import { attachmentSchema } from './attachment.schema';
import { productSchema } from './product.schema';

const messageSchema = new Schema(
  {
    /**
     * `<conversation id>:<client id>`: the exactly-once key is the primary key, so storing a re-sent
     * message collides on it and finding one is an `_id` lookup — the only lookup the embedded
     * FerretDB (SQLite backend) answers without scanning the collection.
     */
    _id: { type: String, required: true },
    siteId: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    clientId: { type: String, required: true },
    author: { type: String, enum: MessageAuthor.options, required: true },
    authorId: { type: Schema.Types.ObjectId, default: null },
    authorName: { type: String, default: null },
    text: { type: String, required: true },
    /** The answer bot's article (its messages only). */
    answer: {
      type: new Schema(
        { articleId: { type: String, required: true }, title: { type: String, required: true }, mode: { type: String, required: true } },
        { _id: false },
      ),
      default: undefined,
    },
    /** The file this message sends. */
    attachment: { type: attachmentSchema, default: undefined },
    /** The product card this message sends. */
    card: { type: productSchema, default: undefined },
    /** Replies offered to the visitor under this message. */
    quickReplies: { type: [String], default: undefined },
    /** What was hidden in `text` before it was stored (card numbers, IBANs, security codes). */
    masked: { type: [{ type: String, enum: SECRET_KINDS }], default: undefined },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
// Each position is taken once: concurrent writers that pick the same `seq` collide here and retry.
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true });
// A conversation's latest message by one kind of author (the console's suggestions).
messageSchema.index({ conversationId: 1, author: 1, seq: -1 });

export type StoredMessage = InferSchemaType<typeof messageSchema> & { _id: string; createdAt: Date };

export function messageKey(conversationId: Types.ObjectId, clientId: string): string {
  return `${conversationId.toHexString()}:${clientId}`;
}
export const MessageModel = model('Message', messageSchema);
