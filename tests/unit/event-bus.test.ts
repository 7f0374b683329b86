import { describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../server/events/bus';
import type { Logger } from '../../server/infra/logger';

interface Events {
  'thing.happened': { id: string };
}

const logger = () => ({ error: vi.fn() }) as unknown as Logger & { error: ReturnType<typeof vi.fn> };

describe('EventBus', () => {
  it('starts every listener synchronously, in registration order, and resolves once all have settled', async () => {
    const bus = new EventBus<Events>(logger());
    const calls: string[] = [];
    let finishSlow = () => {};
    bus.on('thing.happened', 'sync', ({ id }) => void calls.push(`sync ${id}`));
    bus.on('thing.happened', 'slow', () => new Promise<void>((resolve) => (finishSlow = resolve)));
    let settled = false;
    const published = bus.publish('thing.happened', { id: 'a' }).then(() => (settled = true));
    expect(calls).toEqual(['sync a']);
    await Promise.resolve();
    expect(settled).toBe(false);
    finishSlow();
    await published;
    expect(settled).toBe(true);
  });

  it('logs a failing listener by name and still runs the others; publish never rejects', async () => {
    const log = logger();
    const bus = new EventBus<Events>(log);
    const after = vi.fn();
    bus.on('thing.happened', 'throws', () => {
      throw new Error('sync failure');
    });
    bus.on('thing.happened', 'rejects', async () => Promise.reject(new Error('async failure')));
    bus.on('thing.happened', 'after', after);
    await expect(bus.publish('thing.happened', { id: 'b' })).resolves.toBeUndefined();
    expect(after).toHaveBeenCalledWith({ id: 'b' });
    expect(log.error.mock.calls.map(([fields]) => (fields as { listener: string }).listener)).toEqual(['throws', 'rejects']);
  });

  it('publishes to nobody without complaint', async () => {
    await expect(new EventBus<Events>(logger()).publish('thing.happened', { id: 'c' })).resolves.toBeUndefined();
  });
});
