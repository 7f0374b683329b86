import { Schema, Types, model, type InferSchemaType } from 'mongoose';

const userSchema = new Schema(
  {
    siteId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true },
    role: { type: String, enum: ['admin', 'agent', 'editor'], required: true },
    passwordHash: { type: String, required: true },
    active: { type: Boolean, default: true },
    /** Routing only offers conversations to agents who are online (and connected) and under capacity. */
    availability: { type: String, enum: ['online', 'away', 'offline'], default: 'online' },
    capacity: { type: Number, default: 5, min: 1, max: 100 },
  },
  { timestamps: true },
);

export type StoredUser = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const UserModel = model('User', userSchema);
