import { useLayoutEffect, useState } from 'preact/hooks';
import type { ReadableStore } from './use-store-state';

/** Like `useStoreState`, for a store that may be absent (views also rendered without it, e.g. in tests). */
export function useOptionalStoreState<S>(store: ReadableStore<S> | null): S | null {
  const [state, setState] = useState<{ value: S } | null>(() => (store ? { value: store.getState() } : null));
  useLayoutEffect(() => {
    setState(store ? { value: store.getState() } : null);
    return store?.subscribe(() => setState({ value: store.getState() }));
  }, [store]);
  return state?.value ?? null;
}
