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

/**
 * The position up to which every message of the latest conversation held is here (-1: none), where a
 * reconnect syncs from. Not simply the newest: a push lost with a dying server process leaves a gap
 * below later messages (our own acks come from another path). A position a crash left unused only
 * makes that sync longer.
 */
export function heldThrough(messages: readonly Message[]): number {
  const conversationId = messages.at(-1)?.conversationId;
  let through = -1;
  for (const { seq } of messages.filter((m) => m.conversationId === conversationId)) {
    if (seq > through + 1) break;
    through = Math.max(through, seq);
  }
  return through;
}
