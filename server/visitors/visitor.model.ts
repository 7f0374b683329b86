import { Schema, Types, model, type InferSchemaType } from 'mongoose';

const visitorSchema = new Schema(
  {
    siteId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: String, default: null },
    email: { type: String, default: null },
    lastSeenAt: { type: Date, default: () => new Date() },
  },
  { timestamps: true },
);

export type Visitor = InferSchemaType<typeof visitorSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const VisitorModel = model('Visitor', visitorSchema);

export function visitorDisplayName(visitor: Pick<Visitor, '_id' | 'name'>): string {
  return visitor.name ?? `Visitor ${visitor._id.toHexString().slice(-4).toUpperCase()}`;
}
