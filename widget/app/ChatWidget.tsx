import { useEffect } from 'preact/hooks';
import type { ChatClient } from './chat-client';
import { ChatPanel } from './ChatPanel';
import { useChatSession } from './use-chat-session';

export interface ChatWidgetProps {
  client: ChatClient;
  siteKey: string;
  open: boolean;
  onClose(): void;
  onUnreadChange?(count: number): void;
}

/** Keeps the session alive while the panel is closed, so unread agent replies are counted. */
export function ChatWidget({ client, siteKey, open, onClose, onUnreadChange }: ChatWidgetProps) {
  const [state, session] = useChatSession(client, siteKey);

  useEffect(() => session.setOpen(open), [session, open]);
  useEffect(() => onUnreadChange?.(state.unread), [onUnreadChange, state.unread]);

  return open ? <ChatPanel state={state} actions={session} onClose={onClose} /> : null;
}
