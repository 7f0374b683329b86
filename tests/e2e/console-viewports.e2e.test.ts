import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';

const IDLE_SECONDS = 5;
let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startTestServer({ CHECKOUT_IDLE_SECONDS: String(IDLE_SECONDS), REPLY_ALERT_SECONDS: '2' });
  browser = await sharedBrowser();
});
afterAll(async () => {
  await browser?.dispose();
  await server?.close();
});

/**
 * Visible elements whose box sticks out of the viewport sideways. An element inside a scroll
 * container or a clipping box is judged by that box instead (it can be scrolled or is cut on purpose).
 */
function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el: Element) => {
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const { overflowX } = getComputedStyle(parent);
        if (overflowX !== 'visible') return true;
      }
      return false;
    };
    const out: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || clipped(el)) continue;
      if (box.left < -0.5 || box.right > width + 0.5) {
        const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
        out.push(`${el.tagName.toLowerCase()}.${el.className} "${label}" ${Math.round(box.left)}–${Math.round(box.right)}`);
      }
    }
    if (document.documentElement.scrollWidth > width) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    return out;
  });
}

/** Controls matching `selector` that are cut off, by the viewport or by a scrolling or clipping box around them. */
function cutControls(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const width = document.documentElement.clientWidth;
    const cut: string[] = [];
    for (const el of document.querySelectorAll(sel)) {
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      let inside = box.left >= -0.5 && box.right <= width + 0.5;
      for (let parent = el.parentElement; parent && inside; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        inside = box.left >= clip.left - 0.5 && box.right <= clip.right + 0.5;
      }
      if (!inside) cut.push((el.getAttribute('aria-label') ?? el.textContent ?? '').trim());
    }
    return cut;
  }, selector);
}

/** Whether every point of a 5×5 grid over the element's visible box hits the element itself, not something drawn over it. */
function uncovered(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const box = el.getBoundingClientRect();
      const bottom = Math.min(box.bottom, window.innerHeight);
      const right = Math.min(box.right, window.innerWidth);
      for (let i = 1; i <= 5; i++) {
        for (let j = 1; j <= 5; j++) {
          const x = box.left + ((right - box.left) * i) / 6;
          const y = box.top + ((bottom - box.top) * j) / 6;
          const hit = document.elementFromPoint(x, y);
          if (!hit || !el.contains(hit)) return false;
        }
      }
      return true;
    });
}

it('the console fits 1024×768, 1280×720 and 1366×850: nothing overflows sideways and alerts cover no content', async () => {
  const desk = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const agent = await desk.newPage();
  const shop = await browser.newContext();
  const visitor = await shop.newPage();

  await agent.goto(`${server.url}/console`);
  await agent.getByLabel('Email').fill(ADMIN.email);
  await agent.getByLabel('Password').fill(ADMIN.password);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await agent.getByRole('heading', { name: /no conversation selected/i }).waitFor();
  await agent.screenshot({ path: 'test-results/console-1024x768-inbox.png' });
  expect(await horizontalOverflow(agent)).toEqual([]);
  // Every view of an admin's navigation, the availability, the connection and "Sign out" are whole.
  // Views an admin may open appear once the console has read the account's permissions.
  await expect.poll(() => agent.locator('header button, header select').count()).toBe(11);
  expect(await cutControls(agent, 'header button, header select')).toEqual([]);

  // A buyer idles at checkout: the escalation offer and the inbox item arrive together.
  await visitor.goto(`${server.url}/demo/product/trail-runner-shoes`);
  await visitor.getByRole('button', { name: 'Add to cart' }).click();
  await visitor.goto(`${server.url}/demo/checkout`);
  await agent
    .getByRole('button', { name: 'Accept' })
    .first()
    .waitFor({ timeout: (IDLE_SECONDS + 15) * 1000 });
  await agent.locator('.inbox-item__button').first().waitFor();
  // The buyer writes and nobody answers: a waiting alert joins the offer.
  const message = visitor.getByRole('textbox', { name: 'Message' });
  await message.fill('Is shipping free?');
  await message.press('Enter');
  await agent.getByText(/has been waiting/).waitFor({ timeout: 15_000 });
  await agent.screenshot({ path: 'test-results/console-1024x768-offer.png' });
  expect(await uncovered(agent, '.inbox')).toBe(true);
  expect(await uncovered(agent, '.inbox-item__button')).toBe(true);
  expect(await horizontalOverflow(agent)).toEqual([]);

  await agent.getByRole('button', { name: 'Accept' }).first().click();
  // Below 1200 px the visitor panel starts folded beside the conversation; one click unfolds it.
  await agent.getByRole('button', { name: 'Show visitor' }).waitFor();
  await agent.screenshot({ path: 'test-results/console-1024x768-panel-folded.png' });
  expect(await horizontalOverflow(agent)).toEqual([]);
  await agent.getByRole('button', { name: 'Show visitor' }).click();
  await agent.getByText('Purchase intent').first().waitFor();
  await agent.screenshot({ path: 'test-results/console-1024x768-conversation.png' });
  expect(await horizontalOverflow(agent)).toEqual([]);
  expect(await cutControls(agent, 'header button, header select, main button, main textarea')).toEqual([]);
  expect(await uncovered(agent, '.inbox-item__button')).toBe(true);

  // Between the two, where the full header labels no longer fit (1280×720: "My account" was cut off).
  for (const [width, height] of [
    [1280, 720],
    [1366, 850],
  ] as const) {
    await agent.setViewportSize({ width, height });
    await agent.getByText('Purchase intent').first().waitFor();
    await agent.screenshot({ path: `test-results/console-${width}x${height}-conversation.png` });
    expect(await horizontalOverflow(agent)).toEqual([]);
    expect(await cutControls(agent, 'header button, header select, main button, main textarea')).toEqual([]);
  }

  // Settings at 1024×768: sections side by side with their contents, each saved against the real server on its own.
  await agent.setViewportSize({ width: 1024, height: 768 });
  await agent.getByRole('button', { name: 'Settings' }).click();
  const widget = agent.getByRole('form', { name: 'Widget' });
  const retention = agent.getByRole('form', { name: 'Privacy' });
  await widget.getByLabel('Greeting').fill('Hello from the viewport test!');
  await retention.getByLabel(/Keep analytics day by day/).fill('500');
  await widget.getByRole('button', { name: 'Save' }).click();
  await widget.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  expect(await retention.getByLabel(/Keep analytics day by day/).inputValue()).toBe('500');
  expect(await retention.getByText('Unsaved changes').count()).toBe(1);
  await agent.screenshot({ path: 'test-results/console-1024x768-settings.png' });
  expect(await horizontalOverflow(agent)).toEqual([]);
  // Saved on the server: after a reload the greeting is the new one and the unsaved retention edit is gone.
  await agent.reload();
  await agent.getByRole('button', { name: 'Settings' }).click();
  expect(await widget.getByLabel('Greeting').inputValue()).toBe('Hello from the viewport test!');
  expect(await retention.getByLabel(/Keep analytics day by day/).inputValue()).toBe('400');

  for (const view of ['Analytics', 'Knowledge base', 'Team']) {
    await agent.getByRole('button', { name: view }).click();
    await agent.locator('main h1, main h2').first().waitFor();
    await agent.screenshot({ path: `test-results/console-1024x768-${view.toLowerCase().replace(/ /g, '-')}.png` });
    expect({ view, overflow: await horizontalOverflow(agent) }).toEqual({ view, overflow: [] });
  }

  await shop.close();
  await desk.close();
});
