import { Schema } from 'mongoose';
import { Concern, HesitationKind } from '../../../shared/lifecycle';

/** A detected hesitation: on the visitor while it lasts, on the conversation it escalated. */
export const hesitationSchema = new Schema(
  {
    kind: { type: String, enum: HesitationKind.options, required: true },
    concern: { type: String, enum: Concern.options, required: true },
    reason: String,
    at: Date,
  },
  { _id: false },
);
