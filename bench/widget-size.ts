// Measures the widget JavaScript a visitor downloads on /demo in headless Chromium: before the chat
// is opened (the loader) and after opening it (loader + app + chunks), raw and gzip -9.
// Usage: npm run bench:widget-size [-- --json]   (run `npm run build` first)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer } from '../server/app';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/infra/logger';
import { startBackingServices } from '../server/infra/services';
import { launchBrowser } from '../tests/helpers/browser';

const json = process.argv.includes('--json');
const dataDir = mkdtempSync(join(tmpdir(), 'lc-bench-widget-'));
const config = loadConfig({ ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const log = createLogger('silent');
const services = await startBackingServices(config, log);
const server = await startServer({ config, mongoUri: services.mongoUri, redisUrl: services.redisUrl, secret: 'x'.repeat(32), log });
const browser = await launchBrowser();

interface Download { url: string; raw: number; gzip: number }
const downloads: Download[] = [];
const sum = (list: Download[]) => ({
  files: list.map((d) => new URL(d.url).pathname),
  rawBytes: list.reduce((n, d) => n + d.raw, 0),
  gzipBytes: list.reduce((n, d) => n + d.gzip, 0),
});

try {
  const page = await browser.newPage();
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith('/widget') || !['script', 'stylesheet'].includes(response.request().resourceType())) return;
    const body = await response.body();
    downloads.push({ url: response.url(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  });
  await page.goto(`${server.url}/demo`, { waitUntil: 'domcontentloaded' });
  const launcher = page.getByRole('button', { name: /chat/i });
  await launcher.waitFor();
  await page.waitForTimeout(300);
  const beforeOpen = sum([...downloads]);
  await launcher.click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await page.waitForLoadState('networkidle');
  const afterOpen = sum(downloads);
  const result = { beforeOpen, afterOpen };
  if (json) console.log(JSON.stringify(result));
  else {
    const line = (name: string, s: ReturnType<typeof sum>) =>
      `${name}: ${s.rawBytes} B raw, ${s.gzipBytes} B gzip -9  (${s.files.join(', ')})`;
    console.log(line('before opening the chat', beforeOpen));
    console.log(line('after opening the chat ', afterOpen));
  }
} finally {
  await browser.dispose();
  await server.close();
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
