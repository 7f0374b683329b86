import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.dispose();
  await server?.close();
});

describe('visitor on /demo chats with an agent on /console', () => {
  it('delivers the question to the console and the reply back to the widget', async () => {
    const shop = await browser.newContext();
    const visitor = await shop.newPage();
    await visitor.goto(`${server.url}/demo/product/trail-runner-shoes`);
    await visitor.getByRole('button', { name: /chat/i }).click();
    const message = visitor.getByRole('textbox', { name: 'Message' });
    await message.fill('Do these shoes run small?');
    await message.press('Enter');
    await expect.poll(() => visitor.getByText('Do these shoes run small?').count()).toBeGreaterThan(0);

    const desk = await browser.newContext();
    const agent = await desk.newPage();
    await agent.goto(`${server.url}/console`);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByText('Do these shoes run small?').first().click();
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.fill('They run true to size.');
    await reply.press('Enter');

    await visitor.getByText('They run true to size.').waitFor({ timeout: 10_000 });
    await visitor.screenshot({ path: 'test-results/e2e-widget-reply.png' });
    await agent.screenshot({ path: 'test-results/e2e-console-reply.png' });
    await shop.close();
    await desk.close();
  });
});
