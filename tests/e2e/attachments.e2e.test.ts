import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { routes } from '../../shared/contract/routes';
import { call } from '../helpers/rest';
import { ADMIN, clientId, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  // One admin does here within seconds what agents spread over minutes (three consoles, a dozen files):
  // more than one person's budget of socket events and uploads per 10 s.
  [server, browser] = await Promise.all([startTestServer({ RATE_LIMIT_PER_SENDER: '0' }), sharedBrowser()]);
});
afterAll(async () => {
  await browser?.dispose();
  await server?.close();
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A PNG with pixels only (no metadata): the server's clean re-encoding of it is the same bytes. */
async function png(width = 120, height = 80): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7) % 251;
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's serious and critical findings within the elements `include` selects. */
async function seriousViolations(page: Page, include: string[]): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (include) => {
    type Violation = { id: string; impact: string; nodes: unknown[] };
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run({ include: include.map((selector) => [selector]) })).violations;
  }, include);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
}

/** Sets `window.__svgRan` and raises a dialog wherever it runs. */
const EVIL_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__svgRan=1;alert(1)"><script>window.__svgRan=1;alert(2)</script><circle r="4"/></svg>',
);

async function signInToConsole(page: Page): Promise<void> {
  await page.goto(`${server.url}/console`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** A visitor on the demo shop with the chat open, having asked `question`. */
async function visitorAsks(context: BrowserContext, question: string): Promise<Page> {
  const visitor = await context.newPage();
  await visitor.goto(`${server.url}/demo/product/trail-runner-shoes`);
  await visitor.getByRole('button', { name: /chat/i }).click();
  const box = visitor.getByRole('textbox', { name: 'Message' });
  await box.fill(question);
  await box.press('Enter');
  // Stored (no longer pending), so the conversation exists before an agent looks for it.
  await visitor.getByRole('log').getByText(question).waitFor();
  await expect.poll(() => visitor.getByText(/Queued|Sending…/).count(), { timeout: 20_000 }).toBe(0);
  return visitor;
}

/** Opens the visitor's conversation in the console by its first message. */
async function openConversation(agent: Page, question: string): Promise<void> {
  await agent.getByRole('tab', { name: /Unassigned/ }).click();
  await agent.getByRole('list', { name: 'Conversations' }).getByText(question).click();
  await agent.getByRole('textbox', { name: 'Reply' }).waitFor();
}

/** Every dialog (alert, confirm…) a page raises, and whether `__svgRan` was set in it. */
function watchForScript(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return {
    dialogs,
    ran: () => page.evaluate(() => (window as { __svgRan?: number }).__svgRan ?? null),
  };
}

describe('files between a visitor and an agent, in Chromium', () => {
  it('a visitor’s PNG reaches the agent as a thumbnail, and the agent downloads exactly its bytes', async () => {
    const image = await png();
    const desk = await browser.newContext({ acceptDownloads: true });
    const agent = await desk.newPage();
    const shop = await browser.newContext();
    const question = 'Here is a photo of the damaged box';
    const [, visitor] = await Promise.all([signInToConsole(agent), visitorAsks(shop, question)]);

    // The console has the conversation open when the file arrives: it comes live.
    await openConversation(agent, question);
    await visitor.getByRole('button', { name: /Attach/ }).waitFor();
    await visitor.locator('input[type="file"]').setInputFiles({ name: 'damage.png', mimeType: 'image/png', buffer: image });
    const thumbnail = agent.getByRole('button', { name: 'Open image damage.png' });
    await thumbnail.waitFor({ timeout: 15_000 });
    // The thumbnail loaded: the console fetched it with the agent's session.
    await expect
      .poll(() => thumbnail.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await agent.screenshot({ path: 'test-results/e2e-attachments-thumbnail.png' });

    await thumbnail.click();
    const viewer = agent.getByRole('dialog', { name: 'Image damage.png' });
    await expect.poll(() => viewer.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(120);
    await agent.screenshot({ path: 'test-results/e2e-attachments-viewer.png' });
    expect(await seriousViolations(agent, ['.messages', '.image-viewer'])).toEqual([]);
    const [download] = await Promise.all([agent.waitForEvent('download'), viewer.getByRole('link', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe('damage.png');
    expect(sha256(await readFile((await download.path())!))).toBe(sha256(image));
    await agent.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
    expect(await thumbnail.evaluate((el) => el === document.activeElement)).toBe(true);

    // The agent sends a large file over a slow line: it shows its progress, and Cancel stops it.
    const cdp = await desk.newCDPSession(agent);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 50_000 });
    const noise = await sharp(randomBytes(500 * 500 * 3), { raw: { width: 500, height: 500, channels: 3 } })
      .png()
      .toBuffer();
    await agent.locator('.composer input[type="file"]').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: noise });
    const progress = agent.getByRole('progressbar', { name: 'Uploading big.png' });
    await expect.poll(() => progress.evaluate((bar: HTMLProgressElement) => bar.value), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await progress.evaluate((bar: HTMLProgressElement) => bar.value)).toBeLessThan(noise.length);
    await agent.screenshot({ path: 'test-results/e2e-attachments-progress.png' });
    await agent.getByRole('button', { name: 'Cancel uploading big.png' }).click();
    await expect.poll(() => progress.count()).toBe(0);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // The agent answers with a file of their own: uploaded with progress, shown once.
    await agent
      .locator('.composer input[type="file"]')
      .setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: await png(60, 40) });
    await agent.getByRole('button', { name: 'Open image label.png' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => agent.getByRole('button', { name: 'Open image label.png' }).count()).toBe(1);
    await expect.poll(() => agent.getByRole('progressbar').count()).toBe(0);
    // The cancelled file never arrived.
    expect(await agent.getByRole('button', { name: 'Open image big.png' }).count()).toBe(0);
    await shop.close();
    await desk.close();
  });

  it('an admin gives a canned response a file, which the agent’s canned reply sends to the visitor; Settings limit the kinds', async () => {
    await call(server, routes.canned.create, {
      cookie: await signIn(server),
      body: { shortcut: 'sizes', title: 'Size chart', text: 'Here is our size chart.' },
    });
    const chart = await png(90, 60);
    const desk = await browser.newContext({ acceptDownloads: true });
    const agent = await desk.newPage();
    const shop = await browser.newContext();
    const question = 'Which size should I take?';
    const [, visitor] = await Promise.all([signInToConsole(agent), visitorAsks(shop, question)]);

    await agent.getByRole('button', { name: 'Settings', exact: true }).click();
    const row = agent.locator('.canned-list li').filter({ hasText: '/sizes' });
    await row.getByRole('button', { name: 'Attach a file to /sizes' }).waitFor();
    await row.locator('input[type="file"]').setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: chart });
    await row.getByText(/^File: chart\.png/).waitFor();

    await agent.getByRole('button', { name: 'Inbox', exact: true }).click();
    await openConversation(agent, question);
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.fill('/siz');
    await agent.getByRole('listbox', { name: 'Canned responses' }).getByText('/sizes').waitFor();
    await reply.press('Enter');
    await agent.getByText('Also sends chart.png').waitFor();
    await reply.press('Enter');

    await agent.getByRole('button', { name: 'Open image chart.png' }).waitFor({ timeout: 15_000 });
    await visitor.getByText('Here is our size chart.').waitFor({ timeout: 15_000 });
    await visitor.getByRole('button', { name: /chart\.png/ }).waitFor({ timeout: 15_000 });

    // The admin stops images in Settings: this console refuses one at once, in words.
    await agent.getByRole('button', { name: 'Settings', exact: true }).click();
    const files = agent.getByRole('form', { name: 'Files in conversations' });
    const images = files.getByRole('checkbox', { name: /^Images/ });
    await images.uncheck();
    await files.getByRole('button', { name: 'Save' }).click();
    await files.getByRole('status').waitFor();
    await agent.getByRole('button', { name: 'Inbox', exact: true }).click();
    await agent.locator('.composer input[type="file"]').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: chart });
    await agent
      .getByRole('alert')
      .filter({ hasText: 'photo.png cannot be sent: this site accepts PDF, text files, and office documents.' })
      .waitFor();
    await agent.getByRole('button', { name: 'Settings', exact: true }).click();
    await images.check();
    await files.getByRole('button', { name: 'Save' }).click();
    await files.getByRole('status').waitFor();
    await shop.close();
    await desk.close();
  });

  it('an SVG carrying a script never runs: it is refused, and a stored file runs nothing when fetched', async () => {
    const desk = await browser.newContext({ acceptDownloads: true });
    const agent = await desk.newPage();
    const shop = await browser.newContext({ acceptDownloads: true });
    const question = 'Can I send you our logo?';
    const [, visitor] = await Promise.all([signInToConsole(agent), visitorAsks(shop, question)]);
    const inConsole = watchForScript(agent);
    const inShop = watchForScript(visitor);
    await openConversation(agent, question);
    const picker = agent.locator('.composer input[type="file"]');

    // The console refuses it before sending: SVG is no type a site may accept.
    await picker.setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: EVIL_SVG });
    await agent.getByRole('alert').filter({ hasText: 'logo.svg cannot be sent' }).waitFor();
    // At 1024 px the refusal wraps inside the conversation: nothing overflows sideways.
    await agent.setViewportSize({ width: 1024, height: 768 });
    await agent.screenshot({ path: 'test-results/e2e-attachments-refused.png' });
    expect(await agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    const uploads = await agent.locator('.uploads').evaluate((list) => ({ scroll: list.scrollWidth, width: list.clientWidth }));
    expect(uploads.scroll).toBeLessThanOrEqual(uploads.width);
    expect(await seriousViolations(agent, ['.uploads', '.composer'])).toEqual([]);

    // A text file goes: where it went names the conversation, its link names the stored file.
    const [upload] = await Promise.all([
      agent.waitForRequest((req) => req.method() === 'POST' && req.url().includes('/api/files/conversations/')),
      picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Order 1042, size M') }),
    ]);
    const conversationId = /\/api\/files\/conversations\/([0-9a-f]{24})/.exec(upload.url())![1]!;
    const link = agent.getByRole('link', { name: 'Download notes.txt' });
    await link.waitFor({ timeout: 15_000 });
    const textUrl = new URL((await link.getAttribute('href'))!, server.url).href;

    // Sent anyway, under its name or a lying one, the server reads the bytes and refuses it.
    for (const name of ['logo.svg', 'logo.png']) {
      const refused = await agent.evaluate(
        async ({ url, body }) => {
          const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body });
          return { status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code };
        },
        { url: `/api/files/conversations/${conversationId}?name=${name}&clientId=${clientId()}`, body: EVIL_SVG.toString() },
      );
      expect(refused).toEqual({ status: 415, code: 'type_refused' });
    }

    // The widget refuses it too, and says so.
    await visitor.locator('input[type="file"]').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: EVIL_SVG });
    await visitor
      .getByText(/logo\.svg/)
      .first()
      .waitFor();
    await visitor.screenshot({ path: 'test-results/e2e-attachments-widget-refused.png' });

    // A stored file that is no image is a download, never a page, and never sniffed into one.
    const headers = await agent.evaluate(async (url) => {
      const res = await fetch(url);
      return {
        disposition: res.headers.get('content-disposition'),
        nosniff: res.headers.get('x-content-type-options'),
        policy: res.headers.get('content-security-policy'),
      };
    }, textUrl);
    expect(headers.disposition).toMatch(/^attachment;/);
    expect(headers.nosniff).toBe('nosniff');
    expect(headers.policy).toContain('sandbox');
    const tab = await desk.newPage();
    const [saved] = await Promise.all([tab.waitForEvent('download'), tab.goto(textUrl).catch(() => null)]);
    expect(saved.suggestedFilename()).toBe('notes.txt');

    expect(inConsole.dialogs).toEqual([]);
    expect(inShop.dialogs).toEqual([]);
    expect(await inConsole.ran()).toBeNull();
    expect(await inShop.ran()).toBeNull();
    await shop.close();
    await desk.close();
  });
});
