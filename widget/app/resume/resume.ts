// "Continue the conversation" links (`?lc_resume=` from an email): the token leaves the address bar
// at once, is presented once in the socket's handshake, and the panel says how that went.
import type { Store } from '../../../shared/client/store';
import type { ErrorCode } from '../../../shared/contract';
import { RESUME_PARAM } from '../../../shared/contract/constants';
import type { ChatClient } from '../chat-client';

/** Opening the link's conversation, or the code of why it did not open (the visitor then chats as before). */
export type ResumeState = 'opening' | ErrorCode | null;

/** The link's token, removed from the address bar (and from the history entry) so it is never shared or bookmarked. */
export function takeResumeToken(): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get(RESUME_PARAM);
  if (token === null) return null;
  url.searchParams.delete(RESUME_PARAM);
  history.replaceState(history.state, '', url);
  return token;
}

export function createResume(store: Store<{ resume: ResumeState }>, client: ChatClient, resuming: boolean) {
  store.set({ resume: resuming ? 'opening' : null });
  return {
    start: (): (() => void) => client.on('resume', (error) => store.set({ resume: error?.code ?? null })),
  };
}
