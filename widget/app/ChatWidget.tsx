import type { ChatSession, ChatState } from './chat-session';
import { ChatPanel } from './ChatPanel';

/** The open panel; renders nothing while closed or until the visitor's language has loaded. */
export function ChatWidget({ state, session }: { state: ChatState; session: ChatSession }) {
  return state.open && state.t ? <ChatPanel state={{ ...state, t: state.t }} session={session} /> : null;
}
