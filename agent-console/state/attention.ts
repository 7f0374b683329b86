import type { BrowserHooks } from '../lib/browser-hooks';
import { createStore } from '../../shared/client/store';

/** New assignments and escalations the agent has not looked at yet: the title badge and a desktop notification. */
export function createAttention(browser: BrowserHooks) {
  const store = createStore({ count: 0 });
  return {
    store,
    /** Counts and notifies only when the agent is not looking at the console. */
    call(title: string, body: string): void {
      if (browser.isAttending()) return;
      store.set((s) => ({ count: s.count + 1 }));
      browser.notify(title, body);
    },
    attended(): void {
      if (store.get().count > 0) store.set({ count: 0 });
    },
  };
}
