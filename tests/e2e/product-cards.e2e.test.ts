import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';

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

describe('product cards and quick replies on /demo', () => {
  it('the agent sends the product in the visitor’s cart and offers quick replies; the visitor taps one', async () => {
    const desk = await browser.newContext({ viewport: { width: 1366, height: 850 } });
    const agent = await desk.newPage();
    const shop = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const visitor = await shop.newPage();
    await agent.goto(`${server.url}/console`);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('button', { name: 'Sign out' }).waitFor();

    // The demo shop reports its cart lines and the product page it shows.
    await visitor.goto(`${server.url}/demo/product/trail-runner-shoes`);
    await visitor.getByRole('button', { name: 'Add to cart' }).click();
    await visitor.getByRole('button', { name: /chat/i }).click();
    const message = visitor.getByRole('textbox', { name: 'Message' });
    await message.fill('Do these come in size 43?');
    await message.press('Enter');

    await agent.getByText('Do these come in size 43?').first().click();
    // The visitor panel lists what is in the cart.
    await agent.getByRole('list', { name: 'In the cart' }).getByRole('link', { name: 'Trail Runner Shoes' }).waitFor();
    await agent.getByRole('button', { name: 'Send product' }).click();
    await agent.getByRole('button', { name: 'Send Trail Runner Shoes ($89.00)' }).click();

    const card = visitor.getByRole('link', { name: /^Trail Runner Shoes/ });
    await card.waitFor({ timeout: 10_000 });
    expect(await card.getAttribute('href')).toBe(`${server.url}/demo/product/trail-runner-shoes`);
    expect(await card.getAttribute('target')).toBe('_blank');
    expect(await card.getAttribute('rel')).toBe('noopener');
    const shown = visitor.locator('lifecycle-chat .product');
    await shown.getByText('$89.00').waitFor();
    const image = shown.getByRole('img', { name: 'Trail Runner Shoes' });
    expect(await image.getAttribute('src')).toBe(`${server.url}/demo/img/trail-runner-shoes.svg`);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // The chunk's own styles reached the widget's shadow root.
    expect(await shown.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('12px');

    const reply = agent.getByRole('textbox', { name: 'Reply', exact: true });
    await agent.getByRole('button', { name: 'Quick replies', exact: true }).click();
    const label = agent.getByRole('textbox', { name: 'New quick reply' });
    for (const size of ['42', '43', '44']) {
      await label.fill(size);
      await label.press('Enter');
    }
    await reply.fill('Which size do you wear?');
    await reply.press('Enter');

    const replies = visitor.getByRole('group', { name: 'Quick replies' });
    await replies.waitFor({ timeout: 10_000 });
    expect(await replies.getByRole('button').allTextContents()).toEqual(['42', '43', '44']);
    await visitor.screenshot({ path: 'test-results/e2e-widget-product-card.png' });
    await replies.getByRole('button', { name: '43' }).click();
    await expect.poll(() => replies.count()).toBe(0);

    await agent
      .locator('.message--visitor', { hasText: /^.*43$/ })
      .first()
      .waitFor({ timeout: 10_000 });
    await agent.screenshot({ path: 'test-results/e2e-console-product-card.png' });
    await shop.close();
    await desk.close();
  });
});
