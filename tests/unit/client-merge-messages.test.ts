import { describe, expect, it } from 'vitest';
import { heldThrough, mergeMessages } from '../../shared/client/merge-messages';
import type { Message } from '../../shared/contract';

function message(patch: Partial<Message> & Pick<Message, 'seq'>): Message {
  return {
    id: `${patch.conversationId ?? 'c1'}-m${patch.seq}`,
    conversationId: 'c1',
    clientId: `client-${patch.seq}-xyz`,
    author: 'agent',
    authorName: 'Ana',
    text: `message ${patch.seq}`,
    createdAt: '2025-01-01T10:00:00.000Z',
    ...patch,
  };
}

const seqs = (messages: readonly Message[]) => messages.map((m) => `${m.conversationId}:${m.seq}`);

describe('mergeMessages', () => {
  it('answers the current list itself when nothing comes in', () => {
    const current = [message({ seq: 0 })];
    expect(mergeMessages(current, [])).toBe(current);
  });

  it('orders by seq within a conversation, whatever order they arrive in', () => {
    const merged = mergeMessages([message({ seq: 0 }), message({ seq: 3 })], [message({ seq: 2 }), message({ seq: 1 })]);
    expect(seqs(merged)).toEqual(['c1:0', 'c1:1', 'c1:2', 'c1:3']);
  });

  it('keeps one message per id, the incoming copy replacing the one held', () => {
    const merged = mergeMessages(
      [message({ seq: 0, text: 'old' })],
      [message({ seq: 0, text: 'edited' }), message({ seq: 0, text: 'edited' })],
    );
    expect(merged).toHaveLength(1);
    expect(merged[0]?.text).toBe('edited');
  });

  it('keeps two messages with the same client id but different ids (the server dedups by client id, not the client)', () => {
    const merged = mergeMessages([message({ seq: 0, clientId: 'same-client-id' })], [message({ seq: 1, clientId: 'same-client-id' })]);
    expect(seqs(merged)).toEqual(['c1:0', 'c1:1']);
  });

  it('keeps conversations in the order they were first seen, since seq restarts in each', () => {
    const current = [message({ seq: 4 }), message({ seq: 0, conversationId: 'c2' })];
    const merged = mergeMessages(current, [
      message({ seq: 1, conversationId: 'c2' }),
      message({ seq: 5 }),
      message({ seq: 0, conversationId: 'c3' }),
    ]);
    expect(seqs(merged)).toEqual(['c1:4', 'c1:5', 'c2:0', 'c2:1', 'c3:0']);
  });
});

describe('heldThrough: where a reconnect syncs from', () => {
  it('is the newest position when every one below it is held, -1 when nothing is', () => {
    expect(heldThrough([])).toBe(-1);
    expect(heldThrough([0, 1, 2, 3].map((seq) => message({ seq })))).toBe(3);
  });

  it('stops below a gap: a push lost with a dying process under a later ack of our own', () => {
    expect(heldThrough([0, 1, 2, 4, 5].map((seq) => message({ seq })))).toBe(2);
    expect(heldThrough([1, 2].map((seq) => message({ seq })))).toBe(-1);
  });

  it('counts the latest conversation only', () => {
    const earlier = [0, 1, 2, 3, 4].map((seq) => message({ seq }));
    const latest = [0, 1].map((seq) => message({ seq, conversationId: 'c2' }));
    expect(heldThrough([...earlier, ...latest])).toBe(1);
  });
});
