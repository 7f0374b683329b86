import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { ADMIN, connectAgent, connected, signIn, startTestServer, type TestServer } from '../helpers/test-server';

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

describe('visitor on /demo chats with an agent on /console', () => {
  it('delivers the question to the console and the reply back to the widget', async () => {
    // The agent signs in first: with no agent online the widget asks for an email address after the first message.
    const desk = await browser.newContext();
    const agent = await desk.newPage();
    const shop = await browser.newContext();
    const visitor = await shop.newPage();
    // The visitor opens the chat while the agent signs in; the question goes once the console is in.
    const signIn = async () => {
      await agent.goto(`${server.url}/console`);
      await agent.getByLabel('Email').fill(ADMIN.email);
      await agent.getByLabel('Password').fill(ADMIN.password);
      await agent.getByRole('button', { name: 'Sign in' }).click();
      await agent.getByRole('button', { name: 'Sign out' }).waitFor();
    };
    const openChat = async () => {
      await visitor.goto(`${server.url}/demo/product/trail-runner-shoes`);
      await visitor.getByRole('button', { name: /chat/i }).click();
    };
    await Promise.all([signIn(), openChat()]);
    const message = visitor.getByRole('textbox', { name: 'Message' });
    await message.fill('Do these shoes run small?');
    await message.press('Enter');
    await expect.poll(() => visitor.getByText('Do these shoes run small?').count()).toBeGreaterThan(0);

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

  it('queues a message typed while offline and delivers it once after reconnecting', async () => {
    const onlineAgent = connectAgent(server, await signIn(server)); // an agent online: no email step in the way
    await connected(onlineAgent);
    const shop = await browser.newContext();
    const visitor = await shop.newPage();
    await visitor.goto(`${server.url}/demo/cart`);
    await visitor.getByRole('button', { name: /chat/i }).click();
    const message = visitor.getByRole('textbox', { name: 'Message' });
    await message.fill('hello before the tunnel');
    await message.press('Enter');
    await visitor.getByText('hello before the tunnel').waitFor();
    // Until the first sync answers, the pending message reads "Queued" rather than "Sending…".
    await expect.poll(() => visitor.getByText(/Queued|Sending…/).count(), { timeout: 20_000 }).toBe(0);

    await shop.setOffline(true);
    await visitor.getByText(/^Reconnecting…/).waitFor({ timeout: 15_000 });
    await message.fill('typed in the tunnel');
    await message.press('Enter');
    await visitor.getByText('Queued, sends when you are back online').waitFor();

    await shop.setOffline(false);
    await expect.poll(() => visitor.getByText(/Queued|Sending…/).count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => mongoose.connection.collection('messages').countDocuments({ text: 'typed in the tunnel' })).toBe(1);
    await visitor.reload();
    // The panel left open comes back open after the reload (the widget keeps it across page loads).
    await visitor.getByText('typed in the tunnel').waitFor();
    expect(await visitor.getByText('typed in the tunnel').count()).toBe(1);
    await shop.close();
    onlineAgent.disconnect();
  });
});
