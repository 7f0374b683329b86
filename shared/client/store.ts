/** Anything with a snapshot and change notifications, as views read it. */
export interface ReadableStore<S> {
  get(): S;
  subscribe(listener: () => void): () => void;
}

/**
 * The one state container of the browser clients: an immutable snapshot, patched and announced.
 * `subscribe` and `get` fit `useSyncExternalStore(store.subscribe, store.get)` as they are.
 */
export interface Store<S extends object> extends ReadableStore<S> {
  /** Replaces the snapshot with `{ ...snapshot, ...patch }` and tells every listener. */
  set(patch: Partial<S> | ((state: S) => Partial<S>)): void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
