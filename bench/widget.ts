// What the widget costs a visitor on /demo in headless Chromium: raw and gzip -9 bytes of the loader
// and of the opened widget (JS + CSS), time to launcher, and time to open — clicked at once (the app
// still downloading) and after the app has loaded at idle. Medians of RUNS fresh visits each.
// Usage: npm run bench:widget [-- --json]   (builds the widget first)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/app';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/infra/logger';
import { startBackingServices } from '../server/infra/services';
import { launchBrowser } from '../tests/helpers/browser';
import { BUDGET, catalogSizes, measureWidget, median, worstCaseOpenedGzip, type WidgetRun } from './widget-measure';

const RUNS = 5;
const json = process.argv.includes('--json');
const say = (line: string) => json || console.log(line);

say('Building the widget…');
for (const config of ['widget/vite.loader.config.ts', 'widget/vite.app.config.ts']) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '-c', config], { stdio: json ? 'ignore' : 'inherit' });
}

const dataDir = mkdtempSync(join(tmpdir(), 'lc-bench-widget-'));
const config = loadConfig({ ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const log = createLogger('silent');
const services = await startBackingServices(config, log);
const server = await startServer({
  config,
  mongoUri: services.mongoUri,
  redisUrl: services.redisUrl,
  redisPrefix: config.REDIS_PREFIX,
  secret: 'x'.repeat(32),
  log,
});
const browser = await launchBrowser();

try {
  const url = `${server.url}/demo`;
  const cold: WidgetRun[] = [];
  const warm: WidgetRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    say(`Visit ${i + 1}/${RUNS}…`);
    cold.push(await measureWidget(browser, url, false));
    warm.push(await measureWidget(browser, url, true));
  }
  const first = cold[0]!;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const result = {
    page: '/demo',
    runs: RUNS,
    loader: first.loader,
    opened: first.opened,
    openedWorstLocaleGzipBytes: worstCaseOpenedGzip(first),
    catalogGzipBytes: catalogSizes(),
    budget: BUDGET,
    timeToLauncherMs: round(median([...cold, ...warm].map((r) => r.launcherMs))),
    timeToOpenMs: { clickedAtOnce: round(median(cold.map((r) => r.openMs))), afterIdleLoad: round(median(warm.map((r) => r.openMs))) },
  };
  if (json) {
    console.log(JSON.stringify(result));
  } else {
    const bytes = (b: { rawBytes: number; gzipBytes: number; files: string[] }) =>
      `${b.rawBytes} B raw, ${b.gzipBytes} B gzip -9  (${b.files.join(', ')})`;
    console.log(`loader (before opening):      ${bytes(result.loader)}  budget ${BUDGET.loaderGzip} B`);
    console.log(`opened widget (JS + CSS):     ${bytes(result.opened)}  budget ${BUDGET.openedGzip} B`);
    console.log(
      `opened, largest catalog:      ${result.openedWorstLocaleGzipBytes} B gzip -9  (catalogs: ${JSON.stringify(result.catalogGzipBytes)})`,
    );
    console.log(`time to launcher:             ${result.timeToLauncherMs} ms (median of ${RUNS * 2})`);
    console.log(
      `time to open, clicked at once: ${result.timeToOpenMs.clickedAtOnce} ms; after idle load: ${result.timeToOpenMs.afterIdleLoad} ms (medians of ${RUNS})`,
    );
  }
} finally {
  await browser.dispose();
  await server.close();
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
