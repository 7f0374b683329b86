import { useSyncExternalStore } from 'preact/compat';

/** Anything with a snapshot and change notifications: a `Store`, or a view combining several. */
export interface ReadableStore<S> {
  get(): S;
  subscribe(listener: () => void): () => void;
}

/** Re-renders the calling component whenever the store changes. */
export function useStore<S>(store: ReadableStore<S>): S {
  return useSyncExternalStore(store.subscribe, store.get);
}
