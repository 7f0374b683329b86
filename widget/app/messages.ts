import type { Message } from '../../shared/contract';

/** The `afterSeq` to sync from: the highest seq of the latest conversation held, -1 when none. */
export function lastSeq(messages: readonly Message[]): number {
  return messages.at(-1)?.seq ?? -1;
}
