import { Types } from 'mongoose';
import { insertOnce } from './insert-once';
import { UserModel, type StoredUser } from './models/user.model';

export type { StoredUser };

type Role = StoredUser['role'];
/** What changes on a user after creation. */
export type UserChanges = Partial<
  Pick<
    StoredUser,
    'name' | 'role' | 'passwordHash' | 'active' | 'inviteExpiresAt' | 'availability' | 'autoAway' | 'capacity' | 'notifications'
  >
>;

/** Agents, editors and admins: one account per email address. */
export const accounts = {
  async byId(id: string | Types.ObjectId): Promise<StoredUser | null> {
    return Types.ObjectId.isValid(id) ? UserModel.findById(id).lean<StoredUser>() : null;
  },

  async byEmail(email: string): Promise<StoredUser | null> {
    return UserModel.findOne({ email: String(email).trim().toLowerCase() }).lean<StoredUser>();
  },

  /** The site's users by name. */
  async ofSite(siteId: Types.ObjectId): Promise<StoredUser[]> {
    return UserModel.find({ siteId }).sort({ name: 1 }).lean<StoredUser[]>();
  },

  /** Null when the email is taken. */
  async create(fields: {
    siteId: Types.ObjectId;
    email: string;
    name: string;
    role: Role;
    passwordHash: string | null;
  }): Promise<StoredUser | null> {
    return insertOnce<StoredUser>(UserModel, fields);
  },

  async update(id: Types.ObjectId, changes: UserChanges): Promise<void> {
    await UserModel.updateOne({ _id: id }, { $set: changes });
  },

  /** Sets some of the user's notification preferences (each one apart, so two tabs never undo each other); null when no such user. */
  async setNotifications(
    id: Types.ObjectId,
    changes: Partial<Record<'desktop' | 'sound' | 'emailWhenOffline', boolean>>,
  ): Promise<StoredUser | null> {
    const set = Object.fromEntries(Object.entries(changes).map(([key, value]) => [`notifications.${key}`, value]));
    return UserModel.findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' }).lean<StoredUser>();
  },

  /** Ends an automatic away (activity at the console); answers whether it did. */
  async endAutoAway(id: Types.ObjectId): Promise<boolean> {
    const { modifiedCount } = await UserModel.updateOne(
      { _id: id, availability: 'away', autoAway: true },
      { $set: { availability: 'online', autoAway: false } },
    );
    return modifiedCount > 0;
  },
};
