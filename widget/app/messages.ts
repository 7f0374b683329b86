import type { Message } from '../../shared/contract';

/** Adds or replaces messages by id, keeping the conversation order (`seq`). */
export function mergeMessages(current: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The `afterSeq` to sync from: the highest seq held, -1 when none. */
export function lastSeq(messages: readonly Message[]): number {
  return messages.at(-1)?.seq ?? -1;
}
