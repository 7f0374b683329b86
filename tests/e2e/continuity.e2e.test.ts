// A visitor's question outlives the tab, in Chromium: with no agent online the visitor on /demo
// writes and leaves an email address, closes the tab; an agent signs in and replies; the reply mail
// arrives at a real SMTP server; its link, opened in a fresh browser, shows the reply; the visitor's
// follow-up reaches the agent live. And the unread badge survives a page navigation.
import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESUME_PARAM } from '../../shared/contract/constants';
import { routes } from '../../shared/contract/routes';
import { conversations } from '../../server/data';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { call } from '../helpers/rest';
import { startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp';
import {
  ADMIN,
  clientId,
  connectAgent,
  connected,
  joinAsVisitor,
  request,
  signIn,
  startTestServer,
  type TestServer,
} from '../helpers/test-server';

let server: TestServer;
let smtp: SmtpReceiver;
let browser: TestBrowser;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Demo Shop <chat@shop.example>', REPLY_EMAIL_DELAY_SECONDS: '1' });
  browser = await sharedBrowser();
});
afterAll(async () => {
  await browser?.dispose();
  await server?.close();
  await smtp?.close();
});

/** The widget's parts on a page (they live in its shadow root, which these locators pierce). */
function widget(page: Page) {
  const root = page.locator('lifecycle-chat');
  return {
    launcher: root.locator('button.launcher'),
    badge: root.locator('.badge'),
    message: root.getByRole('textbox', { name: 'Message' }),
    text: (text: string) => root.getByText(text, { exact: true }),
  };
}

async function write(page: Page, text: string): Promise<void> {
  const w = widget(page);
  await w.message.fill(text);
  await w.message.press('Enter');
  await w.text(text).waitFor();
  // Stored: the widget shows no pending state for it any more.
  await expect
    .poll(
      () =>
        page
          .locator('lifecycle-chat')
          .getByText(/Sending…|Queued/)
          .count(),
      { timeout: 15_000 },
    )
    .toBe(0);
}

describe('continuity: the question outlives the tab', () => {
  it('mails the reply to a visitor who left, and its link continues the conversation in a fresh browser', async () => {
    const email = 'jan.novak@example.com';
    // 1. No agent online: the visitor writes on /demo, leaves an email address and closes the tab.
    const shop = await browser.newContext();
    const tab = await shop.newPage();
    await tab.goto(`${server.url}/demo`);
    await widget(tab).launcher.click();
    await write(tab, 'Do you have the trail shoes in size 44?');
    const emailBox = tab.locator('lifecycle-chat').getByRole('textbox', { name: /Email/ });
    await emailBox.waitFor({ timeout: 15_000 });
    await emailBox.fill(email);
    await tab.locator('lifecycle-chat').getByRole('button', { name: 'Save' }).click();
    await tab.locator('lifecycle-chat').getByText(`we will reply to ${email}`, { exact: false }).waitFor();
    await shop.close();

    // 2. An agent signs in to the console and replies.
    const desk = await browser.newContext();
    const agent = await desk.newPage();
    await agent.goto(`${server.url}/console`);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByText('Do you have the trail shoes in size 44?').first().click();
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.fill('Yes, size 44 is in stock and ships today.');
    await reply.press('Enter');

    // 3. The mail arrives at the SMTP server, with a link that continues the conversation.
    await expect.poll(() => smtp.to(email).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const mail = smtp.to(email)[0]!.parsed;
    expect(mail.text).toContain('Yes, size 44 is in stock and ships today.');
    const link = new RegExp(`https?://\\S+[?&]${RESUME_PARAM}=[\\w.-]+`).exec(mail.text ?? '')?.[0];
    expect(link, mail.text).toBeTruthy();

    // 4. The link in a fresh browser context (no stored state) shows the reply; the token leaves the address bar.
    const elsewhere = await browser.newContext();
    const phone = await elsewhere.newPage();
    await phone.goto(link!);
    await widget(phone).text('Yes, size 44 is in stock and ships today.').waitFor({ timeout: 15_000 });
    await widget(phone).text('Do you have the trail shoes in size 44?').waitFor();
    expect(new URL(phone.url()).searchParams.has(RESUME_PARAM)).toBe(false);
    await phone.screenshot({ path: 'test-results/e2e-resume-link.png' });

    // 5. The visitor's follow-up reaches the agent live.
    await write(phone, 'Great, I will order now. Can it come by Friday?');
    await agent.getByText('Great, I will order now. Can it come by Friday?').first().waitFor({ timeout: 15_000 });

    // The link opened once: in another browser it is refused, with the reason, and no conversation shows.
    const third = await browser.newContext();
    const other = await third.newPage();
    await other.goto(link!);
    await other
      .locator('lifecycle-chat')
      .getByRole('alert')
      .getByText(/already used/)
      .waitFor({ timeout: 15_000 });
    expect(await widget(other).text('Yes, size 44 is in stock and ships today.').count()).toBe(0);
    await third.close();
    await elsewhere.close();
    await desk.close();
  });

  it('keeps the unread badge across a page navigation', async () => {
    const agentSocket = connectAgent(server, await signIn(server));
    await connected(agentSocket);
    const shop = await browser.newContext();
    const page = await shop.newPage();
    await page.goto(`${server.url}/demo`);
    const w = widget(page);
    await w.launcher.click();
    await write(page, 'Is there a store in Prague?');
    await w.launcher.click(); // the panel closes: replies now count on the badge
    const stored = await mongoose.connection.collection('messages').findOne({ text: 'Is there a store in Prague?' });
    const conversationId = String(stored!.conversationId);
    expect((await request(agentSocket, 'conversation:open', { conversationId })).ok).toBe(true);
    const sent = await request(agentSocket, 'message:send', { conversationId, clientId: clientId(), text: 'Yes, on Národní street.' });
    expect(sent.ok).toBe(true);
    await expect.poll(() => w.badge.textContent()).toBe('1');

    await page.goto(`${server.url}/demo/cart`);
    await expect.poll(() => w.badge.textContent(), { timeout: 15_000 }).toBe('1');
    expect(await w.badge.isVisible()).toBe(true);
    // The loader draws the kept badge at once; the app names the launcher in the visitor's language when it loads.
    await expect.poll(() => w.launcher.getAttribute('aria-label'), { timeout: 15_000 }).toBe('Open chat. Unread messages: 1');
    await w.launcher.click();
    await w.text('Yes, on Národní street.').waitFor();
    expect(await w.badge.isVisible()).toBe(false);
    agentSocket.disconnect();
    await shop.close();
  });

  it("opens the link on the shop's own page when the site sets one (resumePageUrl), keeping the page's address", async () => {
    const cookie = await signIn(server);
    const shopPage = `${server.url}/demo/cart?from=mail`;
    expect((await call(server, routes.settings.update, { cookie, body: { resumePageUrl: shopPage } })).status).toBe(200);
    const agentSocket = connectAgent(server, cookie);
    try {
      await connected(agentSocket);
      const { socket } = await joinAsVisitor(server);
      const asked = await request<{ message: { conversationId: string } }>(socket, 'message:send', {
        clientId: clientId(),
        text: 'Can I change my delivery address?',
      });
      socket.close();
      if (!asked.ok) throw new Error(asked.error.code);
      const conversationId = asked.data.message.conversationId;
      expect((await request(agentSocket, 'conversation:open', { conversationId })).ok).toBe(true);
      const answer = { conversationId, clientId: clientId(), text: 'Yes, until it ships. Which address?' };
      expect((await request(agentSocket, 'message:send', answer)).ok).toBe(true);

      const link = await server.resumeLinks.link((await conversations.byId(conversationId))!, Date.now());
      expect(link.startsWith(`${shopPage}&${RESUME_PARAM}=`)).toBe(true);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(link);
      await widget(page).text('Yes, until it ships. Which address?').waitFor({ timeout: 15_000 });
      expect(page.url()).toBe(shopPage);
      await write(page, 'Národní 10, Praha.');
      await context.close();
    } finally {
      agentSocket.disconnect();
      await call(server, routes.settings.update, { cookie, body: { resumePageUrl: null } });
    }
  });

  it('opens a conversation closed since the mail, reply included, and the visitor writes on in a new one', async () => {
    const agentSocket = connectAgent(server, await signIn(server));
    try {
      await connected(agentSocket);
      const { socket } = await joinAsVisitor(server);
      const asked = await request<{ message: { conversationId: string } }>(socket, 'message:send', {
        clientId: clientId(),
        text: 'Do you gift-wrap?',
      });
      socket.close();
      if (!asked.ok) throw new Error(asked.error.code);
      const conversationId = asked.data.message.conversationId;
      expect((await request(agentSocket, 'conversation:open', { conversationId })).ok).toBe(true);
      const answer = { conversationId, clientId: clientId(), text: 'We do, for free.' };
      expect((await request(agentSocket, 'message:send', answer)).ok).toBe(true);
      const link = await server.resumeLinks.link((await conversations.byId(conversationId))!, Date.now());
      expect((await request(agentSocket, 'conversation:close', { conversationId, reason: 'resolved' })).ok).toBe(true);

      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(link);
      await widget(page).text('We do, for free.').waitFor({ timeout: 15_000 });
      await write(page, 'Lovely, please wrap mine.');
      const stored = await mongoose.connection.collection('messages').findOne({ text: 'Lovely, please wrap mine.' });
      const next = await conversations.byId(String(stored!.conversationId));
      expect(next?.previousConversationId?.toHexString()).toBe(conversationId);
      await context.close();
    } finally {
      agentSocket.disconnect();
    }
  });
});
