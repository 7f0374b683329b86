import { createRestClient, type RestClientOptions } from '../../shared/client/rest-client';
import type {
  CannedResponse,
  CannedResponseBody,
  CreateUserBody,
  Invite,
  InvitePeekResponse,
  NotificationPreferences,
  NotificationPreferencesUpdate,
  SiteSettingsResponse,
  SiteSettingsUpdate,
  TeamMember,
  UpdateUserBody,
  User,
} from '../../shared/contract';
import { endpoints } from '../../shared/contract/endpoints';

/** Team, account, canned responses and settings over REST (same origin, session cookie); failures reject with `RestError`. */
export interface WorkplaceApi {
  team(): Promise<TeamMember[]>;
  createUser(body: CreateUserBody): Promise<{ user: TeamMember; invite: Invite | null }>;
  updateUser(id: string, body: UpdateUserBody): Promise<TeamMember>;
  setActive(id: string, active: boolean): Promise<TeamMember>;
  reinvite(id: string): Promise<{ user: TeamMember; invite: Invite | null }>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  signOutEverywhere(): Promise<void>;
  preferences(): Promise<NotificationPreferences>;
  savePreferences(changes: NotificationPreferencesUpdate): Promise<NotificationPreferences>;
  peekInvite(token: string): Promise<InvitePeekResponse>;
  acceptInvite(token: string, password: string): Promise<User>;
  canned(): Promise<CannedResponse[]>;
  saveCanned(body: CannedResponseBody, existing: boolean): Promise<CannedResponse>;
  deleteCanned(shortcut: string): Promise<void>;
  settings(): Promise<SiteSettingsResponse>;
  saveSettings(update: SiteSettingsUpdate): Promise<SiteSettingsResponse>;
  rotateSecret(): Promise<string>;
}

export function createWorkplaceApi(options: RestClientOptions = {}): WorkplaceApi {
  const rest = createRestClient(options);
  return {
    team: async () => (await rest.call(endpoints.users.list)).users,
    createUser: (body) => rest.call(endpoints.users.create, { body }),
    updateUser: async (id, body) => (await rest.call(endpoints.users.update, { params: { id }, body })).user,
    setActive: async (id, active) =>
      (await rest.call(active ? endpoints.users.reactivate : endpoints.users.deactivate, { params: { id } })).user,
    reinvite: (id) => rest.call(endpoints.users.reinvite, { params: { id } }),
    changePassword: (currentPassword, newPassword) => rest.call(endpoints.auth.changePassword, { body: { currentPassword, newPassword } }),
    signOutEverywhere: () => rest.call(endpoints.auth.signOutEverywhere),
    preferences: async () => (await rest.call(endpoints.auth.preferences)).preferences,
    savePreferences: async (body) => (await rest.call(endpoints.auth.updatePreferences, { body })).preferences,
    peekInvite: (token) => rest.call(endpoints.auth.peekInvite, { body: { token } }),
    acceptInvite: async (token, password) => (await rest.call(endpoints.auth.acceptInvite, { body: { token, password } })).user,
    canned: async () => (await rest.call(endpoints.canned.list)).responses,
    saveCanned: async (body, existing) =>
      (existing
        ? await rest.call(endpoints.canned.update, { params: { shortcut: body.shortcut }, body })
        : await rest.call(endpoints.canned.create, { body })
      ).response,
    deleteCanned: (shortcut) => rest.call(endpoints.canned.remove, { params: { shortcut } }),
    settings: () => rest.call(endpoints.settings.get),
    saveSettings: (update) => rest.call(endpoints.settings.update, { body: update }),
    rotateSecret: async () => (await rest.call(endpoints.settings.rotateSecret)).secret,
  };
}
