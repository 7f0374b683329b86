// Measures what the widget costs a visitor in headless Chromium: bytes of the loader and of the
// opened widget (every script and stylesheet under /widget.js and /widget/, raw and gzip -9), the
// time until the launcher shows and the time from a click on it until the panel is there.
// Used by `npm run bench:widget` and by the budget test.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

/** Issue 6: the loader and everything downloaded once the chat is open, gzip -9, in bytes (1 KB = 1000 B). */
export const BUDGET = { loaderGzip: 2_000, openedGzip: 30_000 } as const;

export interface Bytes {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

export interface WidgetRun {
  loader: Bytes;
  opened: Bytes;
  /** From navigation start until the launcher is in the page. */
  launcherMs: number;
  /** From the click on the launcher until the panel is rendered. */
  openMs: number;
}

interface Download {
  path: string;
  raw: number;
  gzip: number;
}

const gzipSize = (body: Buffer) => gzipSync(body, { level: 9 }).length;

function total(list: readonly Download[]): Bytes {
  return {
    files: list.map((d) => d.path),
    rawBytes: list.reduce((n, d) => n + d.raw, 0),
    gzipBytes: list.reduce((n, d) => n + d.gzip, 0),
  };
}

// Runs in the page before its own scripts: notes when the launcher and the panel appear, and when
// the launcher is clicked, on the page's own clock.
const PROBE = () => {
  const marks: Record<string, number> = {};
  Object.defineProperty(window, '__widgetMarks', { value: marks });
  addEventListener('click', () => (marks.click ??= performance.now()), true);
  new MutationObserver((_, observer) => {
    const root = document.querySelector('lifecycle-chat')?.shadowRoot;
    if (!root) return;
    marks.launcher = performance.now();
    observer.disconnect();
    new MutationObserver((__, inner) => {
      if (root.querySelector('.panel')) {
        marks.panel = performance.now();
        inner.disconnect();
      }
    }).observe(root, { childList: true, subtree: true });
  }).observe(document, { childList: true, subtree: true });
};

async function marks(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => (window as unknown as { __widgetMarks: Record<string, number> }).__widgetMarks);
}

/**
 * One fresh visit (empty cache and storage): loads `url`, clicks the launcher as soon as it shows
 * (`waitForApp: false`: before the app has arrived) or once the app has loaded at idle.
 */
export async function measureWidget(browser: Browser, url: string, waitForApp = false): Promise<WidgetRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const downloads: Download[] = [];
  const reads: Promise<void>[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith('/widget') || !['script', 'stylesheet'].includes(response.request().resourceType())) return;
    reads.push(response.body().then((body) => void downloads.push({ path, raw: body.length, gzip: gzipSize(body) })));
  });
  try {
    await page.addInitScript(PROBE);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const launcher = page.locator('lifecycle-chat .launcher');
    await launcher.waitFor();
    // The app and its catalog arrive at idle time; network idle means both are in.
    if (waitForApp) await page.waitForLoadState('networkidle');
    await Promise.all(reads);
    const loader = total(downloads.filter((d) => d.path === '/widget.js'));
    await launcher.click();
    await page.locator('lifecycle-chat .panel').waitFor();
    await page.waitForLoadState('networkidle');
    await Promise.all(reads);
    const times = await marks(page);
    return {
      loader,
      opened: total(downloads),
      launcherMs: times.launcher!,
      openMs: times.panel! - times.click!,
    };
  } finally {
    await context.close();
  }
}

/** The gzip -9 size of each language catalog chunk in the build: the opened widget fetches exactly one. */
export function catalogSizes(): Record<string, number> {
  const dir = fileURLToPath(new URL('../dist/widget/', import.meta.url));
  const sizes: Record<string, number> = {};
  for (const file of readdirSync(dir)) {
    const locale = /^([a-z]{2})-[\w-]+\.js$/.exec(file)?.[1];
    if (locale) sizes[locale] = gzipSize(readFileSync(dir + file));
  }
  return sizes;
}

/** The opened widget's bytes with the largest catalog in place of the one this visit fetched. */
export function worstCaseOpenedGzip(run: WidgetRun): number {
  const sizes = catalogSizes();
  const fetched = run.opened.files.map((path) => /\/([a-z]{2})-[\w-]+\.js$/.exec(path)?.[1]).find(Boolean);
  return run.opened.gzipBytes - (fetched ? sizes[fetched]! : 0) + Math.max(...Object.values(sizes));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
