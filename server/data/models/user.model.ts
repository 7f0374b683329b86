import { Schema, type Types, model, type InferSchemaType } from 'mongoose';
import { Availability } from '../../../shared/contract/accounts';
import { Role } from '../../../shared/contract/entities';

const userSchema = new Schema(
  {
    siteId: { type: Schema.Types.ObjectId, required: true, index: true },
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true },
    role: { type: String, enum: Role.options, required: true },
    /** Null while an invited user has not set a password yet (they cannot sign in). */
    passwordHash: { type: String, default: null },
    active: { type: Boolean, default: true },
    /** The pending invite link's expiry; the token itself lives in Redis (one use, expires by itself). */
    inviteExpiresAt: { type: Date, default: null },
    /** Routing only offers conversations to agents who are online (and connected) and under capacity. */
    availability: { type: String, enum: Availability.options, default: 'online' },
    /** Away because of inactivity (not by choice): activity at the console brings the agent back online. */
    autoAway: { type: Boolean, default: false },
    capacity: { type: Number, default: 5, min: 1, max: 100 },
    /** `NotificationPreferences`: how the console calls the agent's attention, and email while offline. */
    notifications: {
      type: new Schema(
        {
          desktop: { type: Boolean, default: true },
          sound: { type: Boolean, default: true },
          emailWhenOffline: { type: Boolean, default: true },
        },
        { _id: false },
      ),
      default: () => ({}),
    },
  },
  { timestamps: true },
);

export type StoredUser = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const UserModel = model('User', userSchema);
