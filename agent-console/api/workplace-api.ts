import type {
  CannedResponse,
  CannedResponseBody,
  CreateUserBody,
  Invite,
  InvitePeekResponse,
  SiteSettingsResponse,
  SiteSettingsUpdate,
  TeamMember,
  UpdateUserBody,
  User,
} from '../../shared/contract';
import { jsonRequester, type ApiOptions, type HttpMethod } from './http';

/** Team, account, canned responses and settings over REST (same origin, session cookie); failures reject with `ApiRequestError`. */
export interface WorkplaceApi {
  team(): Promise<TeamMember[]>;
  createUser(body: CreateUserBody): Promise<{ user: TeamMember; invite: Invite | null }>;
  updateUser(id: string, body: UpdateUserBody): Promise<TeamMember>;
  setActive(id: string, active: boolean): Promise<TeamMember>;
  reinvite(id: string): Promise<{ user: TeamMember; invite: Invite | null }>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  signOutEverywhere(): Promise<void>;
  peekInvite(token: string): Promise<InvitePeekResponse>;
  acceptInvite(token: string, password: string): Promise<User>;
  canned(): Promise<CannedResponse[]>;
  saveCanned(body: CannedResponseBody, existing: boolean): Promise<CannedResponse>;
  deleteCanned(shortcut: string): Promise<void>;
  settings(): Promise<SiteSettingsResponse>;
  saveSettings(update: SiteSettingsUpdate): Promise<SiteSettingsResponse>;
  rotateSecret(): Promise<string>;
}

export function createWorkplaceApi(options: ApiOptions = {}): WorkplaceApi {
  const send = jsonRequester(options, '/api');
  const call = async <T>(method: HttpMethod, path: string, body?: unknown): Promise<T> => {
    const response = await send(method, path, body);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };

  return {
    team: async () => (await call<{ users: TeamMember[] }>('GET', '/users')).users,
    createUser: (body) => call('POST', '/users', body),
    updateUser: async (id, body) => (await call<{ user: TeamMember }>('PATCH', `/users/${id}`, body)).user,
    setActive: async (id, active) =>
      (await call<{ user: TeamMember }>('POST', `/users/${id}/${active ? 'reactivate' : 'deactivate'}`)).user,
    reinvite: (id) => call('POST', `/users/${id}/invite`),
    changePassword: (currentPassword, newPassword) => call('POST', '/auth/password', { currentPassword, newPassword }),
    signOutEverywhere: () => call('POST', '/auth/sign-out-everywhere'),
    peekInvite: (token) => call('POST', '/auth/invite/peek', { token }),
    acceptInvite: async (token, password) => (await call<{ user: User }>('POST', '/auth/invite/accept', { token, password })).user,
    canned: async () => (await call<{ responses: CannedResponse[] }>('GET', '/canned')).responses,
    saveCanned: async (body, existing) =>
      (await call<{ response: CannedResponse }>(existing ? 'PUT' : 'POST', existing ? `/canned/${body.shortcut}` : '/canned', body))
        .response,
    deleteCanned: (shortcut) => call('DELETE', `/canned/${shortcut}`),
    settings: () => call('GET', '/settings'),
    saveSettings: (update) => call('PUT', '/settings', update),
    rotateSecret: async () => (await call<{ secret: string }>('POST', '/settings/rotate-secret')).secret,
  };
}
