import { useLayoutEffect, useState } from 'preact/hooks';

/** What the console's framework-free stores offer their views. */
export interface ReadableStore<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

/**
 * Re-renders on every store change. Subscribes in a layout effect so that no change between the
 * first render and the (deferred) passive effects is missed.
 */
export function useStoreState<S>(store: ReadableStore<S>): S {
  const [state, setState] = useState(() => store.getState());
  useLayoutEffect(() => {
    setState(store.getState());
    return store.subscribe(() => setState(store.getState()));
  }, [store]);
  return state;
}
