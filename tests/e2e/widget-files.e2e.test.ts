// A visitor on /demo sends files from the widget (issue 17, item 1): a PNG picked with the Attach
// button's file input comes back as its thumbnail, and a file over the site's limit (10 MB by
// default) is refused in the widget, with no upload request at all.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/test-server';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's serious and critical findings on the page, widget included. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } };
    return (await axe.run()).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await sharedBrowser();
});
afterAll(async () => {
  await browser?.dispose();
  await server?.close();
});

describe('files from the widget on /demo', () => {
  it('sends a picked PNG and shows its thumbnail; refuses an oversized file before any upload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/files/visitor') uploads.push(request.url());
    });
    await page.goto(`${server.url}/demo`);
    await page.getByRole('button', { name: /chat/i }).click();
    // A file goes into the visitor's open conversation: the first message opens it.
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Here is a photo of the damaged box');
    await box.press('Enter');
    await expect.poll(() => page.getByText('Sending…').count()).toBe(0);

    const attach = page.getByRole('button', { name: 'Attach a file' });
    await attach.waitFor();
    const input = page.locator('lifecycle-chat input[type=file]');
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#cc3366' } })
      .png()
      .toBuffer();
    await input.setInputFiles({ name: 'damaged-box.png', mimeType: 'image/png', buffer: photo });

    const thumbnail = page.getByRole('img', { name: 'damaged-box.png' });
    await thumbnail.waitFor({ timeout: 15_000 });
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(uploads).toHaveLength(1);
    await page.screenshot({ path: 'test-results/e2e-widget-files-thumbnail.png' });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Show damaged-box.png in full size' }).click();
    const viewer = page.getByRole('dialog', { name: 'damaged-box.png' });
    await viewer.waitFor();
    await page.screenshot({ path: 'test-results/e2e-widget-files-viewer.png' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    await input.setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: Buffer.alloc(10_000_001) });
    await page.getByRole('alert').getByText('scan.png is too large. You can send files up to 10 MB.').waitFor();
    expect(uploads).toHaveLength(1);
    await page.screenshot({ path: 'test-results/e2e-widget-files-refused.png' });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
