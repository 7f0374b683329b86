import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChatClient } from './chat-client';
import { ChatSession, type ChatState } from './chat-session';

/** Runs a ChatSession for the lifetime of the calling component and re-renders on its changes. */
export function useChatSession(client: ChatClient, siteKey: string): [ChatState, ChatSession] {
  const session = useMemo(() => new ChatSession(client, siteKey), [client, siteKey]);
  const [state, setState] = useState(session.state);

  useEffect(() => {
    setState(session.state);
    const unsubscribe = session.subscribe(setState);
    session.start();
    return () => {
      unsubscribe();
      session.dispose();
    };
  }, [session]);

  return [state, session];
}
