import type { ChatSession, ChatState } from './chat-session';
import { ChatPanel } from './ChatPanel';
import { lazy } from './lazy';

/** A prompt on a phone: shown to the visitors who get one. */
const Teaser = lazy(() => import('./teaser/Teaser').then((m) => m.Teaser));

/** The open panel, or a prompt's teaser; nothing while closed or until the visitor's language has loaded. */
export function ChatWidget({ state, session }: { state: ChatState; session: ChatSession }) {
  const { t } = state;
  const View = t && (state.open ? ChatPanel : state.teaser && Teaser);
  return View ? <View state={{ ...state, t }} session={session} /> : null;
}
