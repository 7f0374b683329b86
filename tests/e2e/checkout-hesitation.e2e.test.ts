import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { ADMIN, startTestServer, type TestServer } from '../helpers/test-server';

// Shortened by configuration, exactly as an operator would: no test-only code path.
const IDLE_SECONDS = 5;
let server: TestServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startTestServer({ CHECKOUT_IDLE_SECONDS: String(IDLE_SECONDS) });
  browser = await sharedBrowser();
});
afterAll(async () => {
  await browser?.dispose();
  await server?.close();
});

it('a buyer idling at checkout on /demo gets the proactive prompt and the agent the escalation', async () => {
  const desk = await browser.newContext();
  const agent = await desk.newPage();
  const shop = await browser.newContext();
  const visitor = await shop.newPage();
  // The agent signs in while the buyer shops; both are done before the buyer reaches the checkout.
  const signIn = async () => {
    await agent.goto(`${server.url}/console`);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('heading', { name: /no conversation selected/i }).waitFor();
  };
  const shopping = async () => {
    await visitor.goto(`${server.url}/demo/product/trail-runner-shoes`);
    await visitor.getByRole('button', { name: 'Add to cart' }).click();
    await visitor.goto(`${server.url}/demo/cart`);
  };
  await Promise.all([signIn(), shopping()]);
  await visitor.goto(`${server.url}/demo/checkout`);

  // The widget opens by itself with the localized checkout message and offers a person.
  await visitor.getByText('Stuck at checkout? A person can help you finish your order.').waitFor({ timeout: (IDLE_SECONDS + 10) * 1000 });
  await visitor.getByRole('button', { name: 'Talk to a person' }).waitFor();
  await visitor.screenshot({ path: 'test-results/e2e-checkout-hesitation-widget.png' });

  // The agent is offered the escalated conversation, with the hesitation reason, and accepts it.
  await agent.getByRole('button', { name: 'Accept' }).first().waitFor({ timeout: 10_000 });
  expect(await agent.getByText(/idle on checkout/i).count()).toBeGreaterThan(0);
  await agent.getByRole('button', { name: 'Accept' }).first().click();
  await agent.getByText('purchase', { exact: false }).first().waitFor();
  await agent.screenshot({ path: 'test-results/e2e-checkout-hesitation-console.png' });

  const conversation = await mongoose.connection.collection('conversations').findOne({ 'escalation.kind': 'checkout_idle' });
  expect(conversation?.assigneeId).toBeTruthy();
  await shop.close();
  await desk.close();
});
