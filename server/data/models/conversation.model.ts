import { Schema, type Types, model, type InferSchemaType } from 'mongoose';
import { ConversationStatus } from '../../../shared/contract/entities';
import { hesitationSchema } from './hesitation.schema';

const conversationSchema = new Schema(
  {
    siteId: { type: Schema.Types.ObjectId, required: true },
    visitorId: { type: Schema.Types.ObjectId, required: true, index: true },
    visitorName: { type: String, required: true },
    status: { type: String, enum: ConversationStatus.options, default: 'open' },
    assigneeId: { type: Schema.Types.ObjectId, default: null },
    /** The assignee while the conversation is open, else null: an agent's load is the count of these. */
    openAssigneeId: { type: Schema.Types.ObjectId, default: null },
    lastMessage: {
      type: new Schema({ seq: Number, text: String, author: String, createdAt: Date }, { _id: false }),
      default: null,
    },
    /** Set by the first visitor message no agent has answered yet; absent otherwise (so `$min` can set it). */
    waitingSince: { type: Date },
    closedAt: { type: Date, default: null },
    /** The UTC day (`YYYY-MM-DD`) it closed; null while open. The inbox's closed view reads one day at a time. */
    closedDay: { type: String, default: null },
    escalation: {
      type: hesitationSchema,
      default: null,
    },
    priority: { type: Number, default: 0 },
    /** When routing to an agent last started (an escalation or "talk to a person"); names its routing jobs. */
    routedAt: { type: Date, default: null },
    /** Agents this routing offered the conversation to, in order; re-routing skips them. */
    offeredTo: { type: [Schema.Types.ObjectId], default: [] },
    offline: { type: Boolean, default: false },
    /** Visitor messages since an agent last read or replied (a plain counter: see README, known limits). */
    unread: { type: Number, default: 0 },
    agentReadSeq: { type: Number, default: -1 },
    visitorReadSeq: { type: Number, default: -1 },
    /** The position of the last agent reply emailed to the visitor; later replies go in the next mail. */
    mailedSeq: { type: Number, default: -1 },
    closeReason: { type: String, default: null },
    closeComment: { type: String, default: null },
    closedBy: { type: Schema.Types.ObjectId, default: null },
    /** The visitor's rating; the `Csat` collection holds the same answer under a unique key (stored once). */
    csat: {
      type: new Schema({ rating: Number, comment: String, at: Date }, { _id: false }),
      default: null,
    },
    /** The closed conversation the visitor wrote into, which this one continues. */
    previousConversationId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
// Every read is an equality on these (see server/data/conversations.ts), each matching a bounded set.
conversationSchema.index({ siteId: 1, status: 1, updatedAt: -1 });
conversationSchema.index({ siteId: 1, closedDay: 1 });
conversationSchema.index({ openAssigneeId: 1 });

export type Conversation = InferSchemaType<typeof conversationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const ConversationModel = model('Conversation', conversationSchema);
