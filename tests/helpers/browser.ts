import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Debian Chromium (never a downloaded browser), quiet on a machine with no outside network. */
export async function launchBrowser(): Promise<Browser & { dispose(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'lc-chromium-'));
  const browser = await chromium.launch({
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
  return Object.assign(browser, {
    async dispose() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  });
}
