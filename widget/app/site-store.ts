// Per-site persistence in localStorage. Storage can be unavailable or full (private mode,
// blocked third-party storage), so failures degrade to "not persisted" instead of throwing.

import { storageKey as keyFor, type StoreKey } from '../app-api';

export type { StoreKey };

export interface SiteStore {
  read(key: StoreKey): string | null;
  /** Stores `value`, or removes the key when it is null. */
  write(key: StoreKey, value: string | null): void;
  /** Calls `listener` when another tab changes `key`. */
  watch(key: StoreKey, listener: () => void): () => void;
}

export function createSiteStore(siteKey: string): SiteStore {
  const storageKey = (key: StoreKey) => keyFor(siteKey, key);
  return {
    read(key) {
      try {
        return localStorage.getItem(storageKey(key));
      } catch {
        return null;
      }
    },
    write(key, value) {
      try {
        if (value === null) localStorage.removeItem(storageKey(key));
        else localStorage.setItem(storageKey(key), value);
      } catch {
        // Not persisted; callers keep their in-memory copy.
      }
    },
    watch(key, listener) {
      const onStorage = (event: StorageEvent) => {
        if (event.key === storageKey(key) || event.key === null) listener();
      };
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    },
  };
}
