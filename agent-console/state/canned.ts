import type { CannedResponse } from '../../shared/contract';
import type { WorkplaceApi } from '../api/workplace-api';
import { createStore } from '../../shared/client/store';

/** The site's canned responses, offered by the composer on "/". */
export function createCanned(api: Pick<WorkplaceApi, 'canned'>) {
  const store = createStore<{ responses: CannedResponse[] }>({ responses: [] });
  return {
    store,
    async load(): Promise<void> {
      try {
        store.set({ responses: await api.canned() });
      } catch {
        // Completion simply offers nothing.
      }
    },
  };
}
