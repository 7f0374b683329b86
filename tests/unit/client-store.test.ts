import { describe, expect, it, vi } from 'vitest';
import { createStore } from '../../shared/client/store';

describe('createStore', () => {
  it('patches the snapshot into a new object and tells the listeners', () => {
    const store = createStore({ count: 0, name: 'a' });
    const first = store.get();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.set({ count: 1 });
    store.set((state) => ({ count: state.count + 1 }));
    expect(store.get()).toEqual({ count: 2, name: 'a' });
    expect(first).toEqual({ count: 0, name: 'a' });
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    store.set({ count: 3 });
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
