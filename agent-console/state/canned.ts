import type { CannedResponse } from '../../shared/contract';
import type { WorkplaceApi } from '../api/workplace-api';
import { createStore } from '../../shared/client/store';

const byShortcut = (a: CannedResponse, b: CannedResponse) => a.shortcut.localeCompare(b.shortcut);

/**
 * The site's canned responses, offered by the composer on "/". Loaded on connect; a response saved or
 * deleted in this tab (Settings) or anywhere else on the site (the server's `canned:saved` and
 * `canned:removed` pushes) is offered or withdrawn at once.
 */
export function createCanned(api: Pick<WorkplaceApi, 'canned'>) {
  const store = createStore<{ responses: CannedResponse[] }>({ responses: [] });
  const without = (shortcut: string) => store.get().responses.filter((r) => r.shortcut !== shortcut);
  return {
    store,
    async load(): Promise<void> {
      try {
        store.set({ responses: await api.canned() });
      } catch {
        // Completion simply offers nothing.
      }
    },
    saved(response: CannedResponse): void {
      store.set({ responses: [...without(response.shortcut), response].sort(byShortcut) });
    },
    removed(shortcut: string): void {
      store.set({ responses: without(shortcut) });
    },
  };
}
