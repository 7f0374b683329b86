import { useLayoutEffect, useState } from 'preact/hooks';
import type { ConsoleState, ConsoleStore } from './console-store';

/**
 * Re-renders on every store change. Subscribes in a layout effect so that no change between the
 * first render and the (deferred) passive effects is missed.
 */
export function useConsoleState(store: ConsoleStore): ConsoleState {
  const [state, setState] = useState(() => store.getState());
  useLayoutEffect(() => {
    setState(store.getState());
    return store.subscribe(() => setState(store.getState()));
  }, [store]);
  return state;
}
