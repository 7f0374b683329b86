import { createRestClient, RestError, type RestClientOptions } from '../../shared/client/rest-client';
import type { User } from '../../shared/contract';
import { endpoints } from '../../shared/contract/endpoints';

/** The agent's session over REST (same origin, session cookie). */
export interface ConsoleApi {
  /** The signed-in agent, or null when there is no valid session. */
  me(): Promise<User | null>;
  /** Rejects with `RestError` (`bad_credentials`, `invalid_payload`, `network`, …). */
  signIn(email: string, password: string): Promise<User>;
  signOut(): Promise<void>;
}

export function createApi(options: RestClientOptions = {}): ConsoleApi {
  const rest = createRestClient(options);
  return {
    async me() {
      try {
        return (await rest.call(endpoints.auth.me)).user;
      } catch (error) {
        if (error instanceof RestError && error.status === 401) return null;
        throw error;
      }
    },
    signIn: async (email, password) => (await rest.call(endpoints.auth.signIn, { body: { email, password } })).user,
    signOut: () => rest.call(endpoints.auth.signOut),
  };
}
