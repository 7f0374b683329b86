import type { Message } from '../contract';

/**
 * Adds or replaces messages by id. `seq` restarts in every conversation (a closed conversation is
 * followed by a new one), so conversations keep the order they were first seen in, then `seq`.
 * Answers `current` itself when nothing comes in.
 */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  const conversations = [...new Set([...current, ...incoming].map((message) => message.conversationId))];
  const rank = (message: Message) => conversations.indexOf(message.conversationId);
  return [...byId.values()].sort((a, b) => rank(a) - rank(b) || a.seq - b.seq);
}
