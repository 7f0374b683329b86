import type { ChatSession, ChatState } from './chat-session';
import type { Translate } from './locale';

/** The state while the panel shows: its language has loaded. */
export type ReadyState = ChatState & { t: Translate };

export interface ViewProps {
  state: ReadyState;
  session: ChatSession;
}

const focused = new WeakSet<Element>();

/**
 * For what replaces the control the visitor just used (a vote's thanks, a confirmation): it takes
 * focus, so a keyboard user is not dropped back to the top of the page.
 */
export const takesFocus = () => ({ tabIndex: -1, ref: focusOnce(true) });

/**
 * A ref that focuses its element once, when `enabled`: the visitor opened the panel themselves.
 * (A panel that opened by itself never takes focus away from the page.)
 */
export function focusOnce(enabled: boolean) {
  return (element: HTMLElement | null) => {
    if (element && enabled && !focused.has(element)) {
      focused.add(element);
      element.focus();
    }
  };
}
