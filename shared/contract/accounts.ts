import { z } from 'zod';
import { Role, User } from './entities';
import { displayName } from './text';

// ---- REST: accounts (`/api/users` for admins, `/api/auth` for everyone signed in) ----

export const Password = z.string().min(10, 'at least 10 characters').max(200);
const Email = z.string().trim().toLowerCase().email().max(254);
const Name = displayName(120);

export const Availability = z.enum(['online', 'away', 'offline']);
export type Availability = z.infer<typeof Availability>;
export const Capacity = z.number().int().min(1).max(100);

/** `invited`: has an unused invite link and no password yet; `deactivated`: can no longer sign in. */
export const AccountStatus = z.enum(['active', 'invited', 'deactivated']);
export type AccountStatus = z.infer<typeof AccountStatus>;

export const TeamMember = User.extend({
  status: AccountStatus,
  availability: Availability,
  capacity: z.number().int(),
  /** When the pending invite link stops working; null without one. */
  inviteExpiresAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TeamMember = z.infer<typeof TeamMember>;

/** Without `password` the user is invited: the answer carries a one-time link for them to set it. */
export const CreateUserBody = z.object({ email: Email, name: Name, role: Role, password: Password.optional() });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({ name: Name, role: Role, capacity: Capacity })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const Invite = z.object({ url: z.string(), token: z.string(), expiresAt: z.string() });
export type Invite = z.infer<typeof Invite>;

export const TeamListResponse = z.object({ users: z.array(TeamMember) });
export type TeamListResponse = z.infer<typeof TeamListResponse>;
export const TeamMemberResponse = z.object({ user: TeamMember, invite: Invite.nullable() });
export type TeamMemberResponse = z.infer<typeof TeamMemberResponse>;

export const InviteToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
/** Looks an invite up without using it, so the page can greet the invited person. */
export const InvitePeekBody = z.object({ token: InviteToken });
export const InvitePeekResponse = z.object({ email: z.string(), name: z.string() });
export type InvitePeekResponse = z.infer<typeof InvitePeekResponse>;
/** Uses the invite once: sets the password and signs in. */
export const InviteAcceptBody = z.object({ token: InviteToken, password: Password });
export type InviteAcceptBody = z.infer<typeof InviteAcceptBody>;

/** How the console calls an agent's attention, and whether they get email while offline; stored on their account. */
export const NotificationPreferences = z.object({
  /** Browser notifications while the console tab is in the background. */
  desktop: z.boolean(),
  /** A short sound with each. */
  sound: z.boolean(),
  /** An email about an assigned conversation left unanswered while the agent is offline (the site sets after how long). */
  emailWhenOffline: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;
export const NotificationPreferencesUpdate = NotificationPreferences.partial().refine(
  (body) => Object.keys(body).length > 0,
  'nothing to change',
);
export type NotificationPreferencesUpdate = z.infer<typeof NotificationPreferencesUpdate>;
export const NotificationPreferencesResponse = z.object({ preferences: NotificationPreferences });
export type NotificationPreferencesResponse = z.infer<typeof NotificationPreferencesResponse>;

export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

// ---- Socket: availability (`/agent`) ----

/** An agent as teammates see them: for transfers and the team page, live. */
export const AgentPresence = z.object({
  userId: z.string(),
  name: z.string(),
  role: Role,
  availability: Availability,
  /** Set when the server put the agent away after inactivity; activity brings them back online. */
  autoAway: z.boolean(),
  capacity: z.number().int(),
  /** Open conversations assigned to the agent. */
  load: z.number().int(),
  /** A console of the agent is connected now. */
  connected: z.boolean(),
});
export type AgentPresence = z.infer<typeof AgentPresence>;

export const accountAgentRequests = {
  /** Sets the agent's own availability and/or capacity. */
  'availability:set': {
    payload: z.object({ availability: Availability, capacity: Capacity }).partial(),
    result: AgentPresence,
  },
  /** The agent is at the console (throttled by the console); resets the inactivity timer. */
  'presence:activity': { payload: z.object({}), result: z.null() },
  /** The site's agents with availability and load, e.g. to pick a transfer target. */
  'team:presence': { payload: z.object({}), result: z.object({ agents: z.array(AgentPresence) }) },
} as const;

export const accountAgentPushes = {
  /** An agent's availability, capacity, load or connection changed (to every agent of the site). */
  'presence:changed': AgentPresence,
} as const;
