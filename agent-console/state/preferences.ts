import type { NotificationPreferences, NotificationPreferencesUpdate } from '../../shared/contract';
import { createStore } from '../../shared/client/store';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '../../shared/contract/constants';
import type { WorkplaceApi } from '../api/workplace-api';
import { describeFailure } from '../lib/describe-failure';

export interface PreferencesState {
  /** As stored on the account; the defaults until loaded (and if loading fails). */
  preferences: NotificationPreferences;
  save: { status: 'idle' | 'saving' | 'saved' | 'failed'; error: string | null };
}

/** The agent's notification preferences, stored on their account (`/api/auth/preferences`). */
export function createPreferences(api: Pick<WorkplaceApi, 'preferences' | 'savePreferences'>) {
  const store = createStore<PreferencesState>({
    preferences: { ...DEFAULT_NOTIFICATION_PREFERENCES },
    save: { status: 'idle', error: null },
  });
  return {
    store,
    async load(): Promise<void> {
      try {
        store.set({ preferences: await api.preferences() });
      } catch {
        // Keeps the defaults: the console notifies rather than stays silent.
      }
    },
    /** Applies the change at once and stores it; a failure puts the previous choice back. */
    async save(changes: NotificationPreferencesUpdate): Promise<void> {
      const previous = store.get().preferences;
      store.set({ preferences: { ...previous, ...changes }, save: { status: 'saving', error: null } });
      try {
        store.set({ preferences: await api.savePreferences(changes), save: { status: 'saved', error: null } });
      } catch (error) {
        store.set({ preferences: previous, save: { status: 'failed', error: describeFailure(error) } });
      }
    },
  };
}
