// What the widget costs a visitor on /demo in headless Chromium: raw and gzip -9 bytes of the loader
// and of the opened widget (JS + CSS), time to launcher, and time to open — clicked at once (the app
// still downloading) and after the app has loaded at idle. Medians of RUNS fresh visits each.
// Usage: npm run bench:widget [-- --json]   (builds the widget first)
import { execFileSync } from 'node:child_process';
import { launchBrowser } from '../tests/helpers/browser';
import { startBenchServer } from './bench-server';
import { BUDGET, catalogSizes, measureWidget, median, worstCaseOpenedGzip, type WidgetRun } from './widget-measure';

const RUNS = 5;
const json = process.argv.includes('--json');
const say = (line: string) => json || console.log(line);

say('Building the widget…');
for (const config of ['widget/vite.loader.config.ts', 'widget/vite.app.config.ts']) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '-c', config], { stdio: json ? 'ignore' : 'inherit' });
}

const { server, stop } = await startBenchServer('widget');
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
  await stop();
}
