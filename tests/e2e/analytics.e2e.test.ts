import { Redis } from 'ioredis';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoFacts } from '../../server/analytics/demo/demo-facts';
import { countsOf } from '../../server/analytics/facts';
import { AnalyticsRecorder } from '../../server/analytics/recorder';
import { RollupFlusher } from '../../server/analytics/rollup';
import { createLogger } from '../../server/infra/logger';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { ADMIN, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let browser: TestBrowser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await sharedBrowser();
  context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  // The same demo data as `npm run seed:demo`: 90 days, 20,000 events; the admin signs in to the console meanwhile.
  const seed = async () => {
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: await signIn(server) } });
    const siteId = ((await me.json()) as { user: { siteId: string } }).user.siteId;
    const redis = new Redis(inject('redisUrl'), { keyPrefix: `${server.dbName}:` });
    const log = createLogger('silent');
    await new AnalyticsRecorder(redis, log).add(siteId, demoFacts({ siteId, events: 20_000, days: 90, end: new Date() }).flatMap(countsOf));
    await new RollupFlusher(redis, log).flush(10_000);
    redis.disconnect();
  };
  const signInToConsole = async () => {
    await page.goto(`${server.url}/console`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Analytics' }).waitFor();
  };
  await Promise.all([seed(), signInToConsole()]);
});
afterAll(async () => {
  await browser?.dispose();
  await server?.close();
});

describe('the analytics page', () => {
  it('draws every chart on the demo data, exports CSV, and says when a range is empty', async () => {
    await page.getByRole('button', { name: 'Analytics' }).click();
    await page.getByRole('button', { name: '90 days' }).click();

    const charts = page.locator('canvas[data-chart-ready="true"]');
    // Seven: two for response and resolution times, one in each other card (the demo data has answer-bot outcomes too).
    await expect.poll(() => charts.count(), { timeout: 20_000 }).toBe(7);
    for (const name of [
      'Lifecycle funnel',
      'Hesitating buyers',
      'Customer satisfaction',
      'Response and resolution times',
      'Self-service',
      'Answer bot',
    ]) {
      await expect(page.getByRole('heading', { name }).isVisible()).resolves.toBe(true);
    }
    await expect(page.getByRole('img', { name: /^Funnel: awareness \d+/ }).count()).resolves.toBe(1);
    const funnel = page.getByRole('article', { name: 'Lifecycle funnel' });
    await expect(funnel.getByText(/were marked at risk/).isVisible()).resolves.toBe(true);
    const kb = page.getByRole('article', { name: 'Self-service' });
    await expect(kb.getByText('Deflection rate').isVisible()).resolves.toBe(true);

    // The console scrolls inside its main pane: a tall window shows every card in one picture.
    await page.setViewportSize({ width: 1360, height: 1900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'test-results/analytics.png' });

    const download = page.waitForEvent('download');
    await funnel.getByRole('link', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^analytics-funnel-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);

    await page.getByLabel('From', { exact: true }).fill('2020-01-01');
    await page.getByLabel('To', { exact: true }).fill('2020-01-31');
    await expect.poll(() => page.getByText('No data in this range yet.').count(), { timeout: 10_000 }).toBe(6);
    await context.close();
  });
});
