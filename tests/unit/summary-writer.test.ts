import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SummaryWriter } from '../../server/conversations/summary-writer';

const QUIET = 5_000;
const MAX = 30_000;

describe('SummaryWriter', () => {
  let written: string[];
  let running: number;
  let mostAtOnce: number;
  let writer: SummaryWriter;

  beforeEach(() => {
    vi.useFakeTimers();
    written = [];
    running = 0;
    mostAtOnce = 0;
    writer = new SummaryWriter(
      async (id) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        written.push(id);
        running--;
      },
      QUIET,
      MAX,
    );
  });
  afterEach(() => vi.useRealTimers());

  it('writes a conversation once it has been quiet, once however many changes', async () => {
    writer.touched('a');
    await vi.advanceTimersByTimeAsync(QUIET - 1_000);
    writer.touched('a');
    await vi.advanceTimersByTimeAsync(QUIET - 1);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(written).toEqual(['a']);
  });

  it('writes a conversation that never pauses after the maximum delay', async () => {
    for (let t = 0; t < MAX + QUIET; t += 2_000) {
      writer.touched('busy');
      await vi.advanceTimersByTimeAsync(2_000);
    }
    expect(written.length).toBe(1);
  });

  it('writes one conversation at a time', async () => {
    for (const id of ['a', 'b', 'c', 'd']) writer.touched(id);
    await vi.advanceTimersByTimeAsync(QUIET + 100);
    expect(written).toEqual(['a', 'b', 'c', 'd']);
    expect(mostAtOnce).toBe(1);
  });

  it('skips a conversation another update already wrote', async () => {
    writer.touched('a');
    writer.touched('b');
    writer.written('a');
    await vi.advanceTimersByTimeAsync(QUIET + 100);
    expect(written).toEqual(['b']);
  });

  it('writes everything pending at once on flush', async () => {
    writer.touched('a');
    writer.touched('b');
    const flushed = writer.flush();
    await vi.advanceTimersByTimeAsync(50);
    await flushed;
    expect(written).toEqual(['a', 'b']);
  });
});
