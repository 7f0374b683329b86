import { useLayoutEffect, useReducer } from 'preact/hooks';
import type { ReadableStore } from '../../shared/client/store';

/**
 * Re-renders the calling component whenever the store changes: `useSyncExternalStore`'s contract on
 * preact/hooks. The console does not load preact/compat, whose global vnode hook broke its controlled
 * <select> (the transfer dialog's onChange was never attached), and this subscribes in a layout effect,
 * so that a push right after a render is not missed.
 */
export function useStore<S>(store: ReadableStore<S>): S {
  const snapshot = store.get();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => {
    if (store.get() !== snapshot) rerender(0);
    return store.subscribe(() => rerender(0));
  }, [store]);
  return snapshot;
}
