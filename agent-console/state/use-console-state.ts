import type { ConsoleState, ConsoleStore } from './console-store';
import { useStoreState } from './use-store-state';

export function useConsoleState(store: ConsoleStore): ConsoleState {
  return useStoreState(store);
}
