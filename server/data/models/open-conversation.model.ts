import { Schema, type Types, model } from 'mongoose';

/**
 * Which conversation is a visitor's open one: `_id` is the visitor's id, so claiming it is an insert
 * against the primary key (atomic on every backend) and finding it is an `_id` lookup (the only
 * lookup the embedded FerretDB answers without scanning the collection).
 */
const openConversationSchema = new Schema(
  {
    _id: { type: String, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);

export interface OpenConversation {
  _id: string;
  conversationId: Types.ObjectId;
  createdAt: Date;
}
export const OpenConversationModel = model('OpenConversation', openConversationSchema);
