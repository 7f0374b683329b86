// Runs around every component file. The files of a worker share one jsdom (`isolate: false`: a fresh
// jsdom per file cost about 1.4 s each, most of the component run), so each file hands the next one
// the page as it found it.
import { afterAll, vi } from 'vitest';

/** Properties that files override on the page's objects, with their descriptors as jsdom made them. */
const OVERRIDDEN = [
  [document, ['visibilityState', 'hidden', 'title']],
  [navigator, ['languages', 'language', 'onLine']],
  [window, ['innerWidth', 'innerHeight', 'visualViewport', 'matchMedia', 'scrollTo']],
] as const;
const globals = globalThis as { __pristine?: Map<object, Map<string, PropertyDescriptor | undefined>> };
globals.__pristine ??= new Map(
  OVERRIDDEN.map(([target, keys]) => [target, new Map(keys.map((key) => [key, Object.getOwnPropertyDescriptor(target, key)]))]),
);

function restorePage() {
  // Module state too (a chosen language, a cached catalog): the next file imports its modules afresh.
  vi.resetModules();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  for (const [target, descriptors] of globals.__pristine!) {
    for (const [key, descriptor] of descriptors) {
      if (descriptor) Object.defineProperty(target, key, descriptor);
      else delete (target as Record<string, unknown>)[key];
    }
  }
  localStorage.clear();
  sessionStorage.clear();
  document.head.innerHTML = '';
  document.body.innerHTML = '';
  document.title = '';
  for (const { name } of [...document.documentElement.attributes]) document.documentElement.removeAttribute(name);
  history.replaceState(null, '', '/');
}

// Preact runs effects after the next frame, with a 35 ms timer as a fallback that then cancels the
// frame: one frame and the fallback's time let them all finish before the page is reset.
afterAll(
  () =>
    new Promise<void>((resolve) =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          restorePage();
          resolve();
        }, 40),
      ),
    ),
);
