import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsoleSession } from './console-session';

export const ConsoleSessionContext = createContext<ConsoleSession | null>(null);

/** The signed-in console's session, for views inside the workspace. */
export function useConsoleSession(): ConsoleSession {
  const session = useContext(ConsoleSessionContext);
  if (!session) throw new Error('useConsoleSession outside the workspace');
  return session;
}
