import type { User } from '../../shared/contract';
import { ApiRequestError, isRecord, jsonRequester, type ApiOptions } from './http';

/** The REST endpoints the agent console uses (same origin, session cookie). */
export interface ConsoleApi {
  /** The signed-in agent, or null when there is no valid session. */
  me(): Promise<User | null>;
  /** Rejects with `ApiRequestError` (`bad_credentials`, `invalid_payload`, `network`, …). */
  signIn(email: string, password: string): Promise<User>;
  signOut(): Promise<void>;
}

export function createApi(options: ApiOptions = {}): ConsoleApi {
  const call = jsonRequester(options, '');

  async function readUser(response: Response): Promise<User> {
    const body: unknown = await response.json().catch(() => null);
    if (isRecord(body) && isRecord(body.user) && typeof body.user.id === 'string') {
      return body.user as User;
    }
    throw new ApiRequestError('unexpected_response', 'The server sent an unexpected response.', response.status);
  }

  return {
    async me() {
      try {
        return await readUser(await call('GET', '/api/auth/me'));
      } catch (error) {
        if (error instanceof ApiRequestError && error.status === 401) return null;
        throw error;
      }
    },
    async signIn(email, password) {
      return readUser(await call('POST', '/api/auth/sign-in', { email, password }));
    },
    async signOut() {
      await call('POST', '/api/auth/sign-out');
    },
  };
}
