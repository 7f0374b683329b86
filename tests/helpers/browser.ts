import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's old headless shell: the same Blink as the full browser without its windowing layer; a
 * browser test costs it about a third of the full browser's CPU (two files: 8.9 CPU-s instead of 26.7).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';

export type TestBrowser = Browser & { dispose(): Promise<void> };

/** Headless Debian Chromium (never a downloaded browser), quiet on a machine with no outside network. */
function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A Chromium of its own, closed by `dispose()` (for scripts such as the widget benchmark). */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await launch();
  return Object.assign(browser, { dispose: () => browser.close() });
}

const shared = globalThis as { lcChromium?: Promise<Browser> };

/**
 * The Chromium of this test worker, launched by the first file that asks and shared by the files
 * that follow in the same worker (each e2e worker shares its modules across the files it runs, one
 * after another). Files get nothing of each other's: every test works in browser contexts of its own, and
 * `dispose()` closes whatever contexts the file left open. Playwright closes the browser when the
 * worker exits.
 */
export async function sharedBrowser(): Promise<TestBrowser> {
  shared.lcChromium ??= launch();
  let browser = await shared.lcChromium;
  if (!browser.isConnected()) {
    shared.lcChromium = launch();
    browser = await shared.lcChromium;
  }
  return Object.assign(browser, {
    dispose: async () => {
      await Promise.all(browser.contexts().map((context) => context.close()));
    },
  });
}
