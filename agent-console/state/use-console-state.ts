import { useEffect, useState } from 'preact/hooks';
import type { ConsoleState, ConsoleStore } from './console-store';

/** Re-renders on every store change. */
export function useConsoleState(store: ConsoleStore): ConsoleState {
  const [state, setState] = useState(() => store.getState());
  useEffect(() => {
    setState(store.getState());
    return store.subscribe(() => setState(store.getState()));
  }, [store]);
  return state;
}
