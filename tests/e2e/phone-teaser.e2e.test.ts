// Issue 17 in Chromium: on a phone at checkout a hesitation prompt is a teaser above the launcher that
// leaves the checkout form usable, and one tap opens the chat on it; a site's branding (colour, corner)
// shows on the launcher and the panel, under a strict CSP, and from the next page on before the app loads.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { routes } from '../../shared/contract/routes';
import { readableAccent } from '../../shared/sites/accent-contrast';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { call } from '../helpers/rest';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { startHostPages, type HostPages } from './fixtures/host-pages';

// Shortened by configuration, exactly as an operator would: no test-only code path.
const IDLE_SECONDS = 5;
const PHONE = { width: 390, height: 844 };
const PROMPT = 'Stuck at checkout? A person can help you finish your order.';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server: TestServer;
let host: HostPages;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startTestServer({ CHECKOUT_IDLE_SECONDS: String(IDLE_SECONDS) });
  host = await startHostPages(server.url, server.demoSiteKey);
  browser = await sharedBrowser();
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.dispose();
  await host?.close();
  await server?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

it('on a 390×844 phone at checkout the prompt is a teaser above the launcher that leaves the form usable; a tap opens the chat on it', async () => {
  const shop = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const visitor = await shop.newPage();
  await visitor.goto(`${server.url}/demo/product/trail-runner-shoes`);
  await visitor.getByRole('button', { name: 'Add to cart' }).click();
  await visitor.goto(`${server.url}/demo/cart`);
  await visitor.goto(`${server.url}/demo/checkout`);

  const open = visitor.getByRole('button', { name: PROMPT });
  await open.waitFor({ timeout: (IDLE_SECONDS + 10) * 1000 });
  const teaser = visitor.locator('lifecycle-chat .teaser');
  expect(await visitor.locator('lifecycle-chat .panel').count()).toBe(0);
  const bubble = (await teaser.boundingBox())!;
  const launcher = (await visitor.locator('lifecycle-chat .launcher').boundingBox())!;
  const submit = visitor.getByRole('button', { name: 'Place order' });
  // Within the screen, above the launcher, two lines of text at most, clear of the form's button.
  expect(bubble.x).toBeGreaterThanOrEqual(0);
  expect(bubble.x + bubble.width).toBeLessThanOrEqual(PHONE.width);
  expect(bubble.y).toBeGreaterThanOrEqual(0);
  expect(bubble.y + bubble.height).toBeLessThanOrEqual(launcher.y);
  expect(bubble.height).toBeLessThanOrEqual(80);
  expect(bubble.width * bubble.height).toBeLessThan(PHONE.width * PHONE.height * 0.1);
  expect(overlap(bubble, (await submit.boundingBox())!)).toBe(false);
  await visitor.screenshot({ path: 'test-results/e2e-phone-teaser.png' });
  await visitor.evaluate(axeSource);
  const violations = await visitor.evaluate(async () => {
    type Axe = { run(context: string): Promise<{ violations: { id: string; impact: string }[] }> };
    return (await (window as unknown as { axe: Axe }).axe.run('lifecycle-chat')).violations;
  });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // The shopper goes on with the form: its fields and its button take taps (Playwright checks nothing covers them).
  await visitor.getByLabel('Full name').tap();
  await visitor.getByLabel('Full name').fill('Ana Popescu');
  await submit.click({ trial: true });
  expect(await teaser.count()).toBe(1);

  await open.tap();
  const panel = visitor.getByRole('dialog');
  await panel.getByText(PROMPT).waitFor();
  expect(await teaser.count()).toBe(0);
  // Nothing of the open widget is clipped: every element sits inside the phone's width, the panel inside its height.
  await visitor.locator('lifecycle-chat .panel').evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  const outside = await visitor.evaluate(() => {
    const root = document.querySelector('lifecycle-chat')!.shadowRoot!;
    return [...root.querySelectorAll('*')]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && (box.left < -0.5 || box.right > innerWidth + 0.5))
      .map(({ el }) => `${el.tagName.toLowerCase()}.${el.className}`);
  });
  expect(outside).toEqual([]);
  const opened = (await visitor.locator('lifecycle-chat .panel').boundingBox())!;
  expect({ top: opened.y, bottom: opened.y + opened.height }).toEqual({ top: 0, bottom: PHONE.height });
  await visitor.screenshot({ path: 'test-results/e2e-phone-teaser-opened.png' });
  await shop.close();
});

it("a site's colour and corner show on the launcher and the panel under a strict CSP, and on the next page before the app loads", async () => {
  const cookie = await signIn(server);
  const branding = { color: '#ffcc00', logoUrl: null, position: 'left' } as const;
  expect((await call(server, routes.settings.update, { cookie, body: { branding } })).status).toBe(200);
  const shown = readableAccent(branding.color);
  const rgb = `rgb(${[1, 3, 5].map((i) => Number.parseInt(shown.slice(i, i + 2), 16)).join(', ')})`;

  const context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__violations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await page.goto(`${host.origin}/csp`);
  const launcher = page.locator('lifecycle-chat .launcher');
  await expect.poll(() => launcher.evaluate((el) => getComputedStyle(el).backgroundColor), { timeout: 10_000 }).toBe(rgb);
  expect((await launcher.boundingBox())!.x).toBe(20);
  await launcher.click();
  const panel = page.locator('lifecycle-chat .panel');
  expect(await panel.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb);
  expect((await panel.boundingBox())!.x).toBe(20);
  await page.screenshot({ path: 'test-results/e2e-branding-left.png' });
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  await launcher.click();

  // The next page: the loader shows the kept colour and corner at once, even with the app not (yet) there.
  await page.route('**/widget/app.js', (route) => route.abort());
  await page.reload();
  await launcher.waitFor();
  expect(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb);
  expect((await launcher.boundingBox())!.x).toBe(20);
  await context.close();
  await call(server, routes.settings.update, { cookie, body: { branding: { ...branding, color: '#4f46e5', position: 'right' } } });
});
