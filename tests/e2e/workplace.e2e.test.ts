import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { ADMIN, signIn, startTestServer, type TestServer } from '../helpers/test-server';
import { routes } from '../../shared/contract/routes';
import { call } from '../helpers/rest';

let server: TestServer;
let browser: TestBrowser;
const BOB = { email: 'bob@example.com', password: 'bob-password-123', name: 'Bob Baker' };

beforeAll(async () => {
  server = await startTestServer();
  browser = await sharedBrowser();
  const cookie = await signIn(server);
  await call(server, routes.users.create, { cookie, body: { ...BOB, role: 'agent' } });
  await call(server, routes.canned.create, {
    cookie,
    body: { shortcut: 'ship', title: 'Shipping times', text: 'Hi, {agent.name} here: orders leave our warehouse within 24 hours.' },
  });
});
afterAll(async () => {
  await browser?.dispose();
  await server?.close();
});

async function signInToConsole(page: Page, credentials: { email: string; password: string }): Promise<void> {
  await page.goto(`${server.url}/console`);
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

describe('an agent takes a chat, answers with a canned response and transfers it; the second agent closes it and the rating reaches the console', () => {
  it('works end to end in Chromium', async () => {
    const bobId = String(
      (await call(server, routes.users.list, { cookie: await signIn(server) })).body.users.find((u) => u.email === BOB.email)!.id,
    );
    const adminDesk = await browser.newContext();
    const ada = await adminDesk.newPage();
    const bobDesk = await browser.newContext();
    const bob = await bobDesk.newPage();
    const shop = await browser.newContext();
    const visitor = await shop.newPage();
    // Both agents sign in while the visitor opens the chat; the question goes once they are in.
    await Promise.all([
      signInToConsole(ada, ADMIN),
      signInToConsole(bob, BOB),
      (async () => {
        await visitor.goto(`${server.url}/demo/product/trail-runner-shoes`);
        await visitor.getByRole('button', { name: /chat/i }).click();
      })(),
    ]);
    const message = visitor.getByRole('textbox', { name: 'Message' });
    await message.fill('When will my trail shoes ship?');
    await message.press('Enter');

    // Sign in → take an unassigned chat.
    await ada.getByRole('tab', { name: /Unassigned/ }).click();
    await ada.getByRole('list', { name: 'Conversations' }).getByText('When will my trail shoes ship?').click();
    await ada.getByRole('button', { name: 'Take', exact: true }).click();
    await ada.getByText('Assigned: You').waitFor();

    // A canned response through "/ship" completion, filled in with the agent's name.
    const reply = ada.getByRole('textbox', { name: 'Reply' });
    await reply.fill('/sh');
    await ada.getByRole('listbox', { name: 'Canned responses' }).getByText('/ship').waitFor();
    await reply.press('Enter');
    await expect.poll(() => reply.inputValue()).toBe('Hi, Admin here: orders leave our warehouse within 24 hours.');
    await reply.press('Enter');
    await visitor.getByText('Hi, Admin here: orders leave our warehouse within 24 hours.').waitFor({ timeout: 10_000 });

    // Transfer to Bob with a note.
    await ada.getByRole('button', { name: 'Transfer', exact: true }).click();
    const transfer = ada.getByRole('form', { name: 'Transfer' });
    await transfer.getByLabel('Transfer to').selectOption(bobId);
    await transfer.getByLabel(/Note for them/).fill('Asked about shipping; order not placed yet.');
    await transfer.getByRole('button', { name: 'Transfer' }).click();
    await ada.getByText(`Assigned: ${BOB.name}`).waitFor();

    // The second agent finds it in Mine, reads the note and closes it with a reason.
    await bob.getByRole('tab', { name: /Mine/ }).click();
    await bob
      .getByRole('list', { name: 'Conversations' })
      .getByText(/transferred the conversation to Bob Baker/)
      .click();
    await bob.getByText('Asked about shipping; order not placed yet.').waitFor();
    await bob.getByRole('button', { name: 'Close', exact: true }).click();
    const close = bob.getByRole('form', { name: 'Close conversation' });
    await close.getByLabel('Reason').selectOption('resolved');
    await close.getByRole('button', { name: 'Close conversation' }).click();
    await bob.getByText('Waiting for the visitor’s rating.').waitFor();

    // The visitor's widget asks for a rating; the answer reaches the console.
    await visitor.getByText('How did we do?').waitFor({ timeout: 10_000 });
    await visitor.getByRole('radio', { name: '5 of 5' }).click();
    await visitor.getByLabel('Anything to add? (optional)').fill('Quick and clear, thanks!');
    await visitor.screenshot({ path: 'test-results/e2e-workplace-csat-widget.png' });
    await visitor.getByRole('button', { name: 'Send rating' }).click();
    await visitor.getByText('Thank you for your feedback!').waitFor();

    await bob.getByText('Visitor rating: 5/5').waitFor({ timeout: 10_000 });
    await bob.getByText('“Quick and clear, thanks!”').waitFor();
    await bob.screenshot({ path: 'test-results/e2e-workplace-csat-console.png' });
    await shop.close();
    await bobDesk.close();
    await adminDesk.close();
  });
});
