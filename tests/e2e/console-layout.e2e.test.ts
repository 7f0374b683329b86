import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message } from '../../shared/contract';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { ADMIN, clientId, joinAsVisitor, nextEvent, request, startTestServer, type TestServer } from '../helpers/test-server';

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

/** Where an element sits against the message list's visible box and the window, in CSS pixels. */
function placement(page: Page, text: string) {
  return page.evaluate((wanted) => {
    const list = document.querySelector('.conversation > .messages')!;
    const pane = document.querySelector('.conversation')!;
    const item = [...list.querySelectorAll('.message')].findLast((li) => li.textContent?.includes(wanted))!;
    const box = item.getBoundingClientRect();
    const seen = list.getBoundingClientRect();
    return {
      inList: box.top >= seen.top - 1 && box.bottom <= seen.bottom + 1,
      inWindow: box.top >= 0 && box.bottom <= window.innerHeight,
      listHeight: seen.height,
      paneHeight: pane.getBoundingClientRect().height,
    };
  }, text);
}

it('at 1280×720 with suggested articles shown, the newest visitor message stays in view; placeholders block sending; an inserted article is a title, an excerpt and a clickable link; a new canned response is offered at once', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/console`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const { socket } = await joinAsVisitor(server);
  const say = async (text: string) => expect((await request(socket, 'message:send', { clientId: clientId(), text })).ok).toBe(true);
  await say('Hello there, I have a few questions before I order.');
  await page.getByText('Hello there, I have a few questions').first().click();
  for (const line of ['I live in Brno.', 'My cart has two backpacks in it.', 'Is the green one in stock?']) await say(line);
  const newest = 'How long does shipping to my place take?';
  await say(newest);

  // The suggestions box appears (and grows) after the newest message: the list keeps it in view.
  const suggestions = page.getByRole('complementary', { name: 'Suggested articles' });
  const article = 'How long does shipping take and what does it cost?';
  await suggestions.getByText(article).waitFor();
  await expect.poll(() => placement(page, newest)).toMatchObject({ inList: true, inWindow: true });
  const shown = await placement(page, newest);
  await page.screenshot({ path: 'test-results/e2e-console-newest-in-view.png' });
  expect(shown.listHeight).toBeGreaterThanOrEqual(shown.paneHeight / 2 - 24);

  // Hidden suggestions leave the list more room and stay hidden for this agent after a reload.
  await suggestions.getByRole('button', { name: 'Hide' }).click();
  expect((await placement(page, newest)).listHeight).toBeGreaterThan(shown.listHeight);
  await page.reload();
  await page.getByText(newest).first().click();
  await expect.poll(() => suggestions.getByRole('button', { name: /^Show/ }).getAttribute('aria-expanded')).toBe('false');
  await expect.poll(() => placement(page, newest)).toMatchObject({ inList: true, inWindow: true });
  await suggestions.getByRole('button', { name: /^Show/ }).click();

  // A reply with an unfilled placeholder goes nowhere; its chip selects it, typing fills it in.
  const reply = page.getByRole('textbox', { name: 'Reply' });
  const sent: string[] = [];
  socket.on('message:new', (m: Message) => sent.push(m.text));
  await reply.fill('Hi {visitor.name}, let me check that for you.');
  await reply.press('Enter');
  await page.getByText('Fill in {visitor.name} (the visitor’s name) before sending.').waitFor();
  expect(await page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true);
  await page.screenshot({ path: 'test-results/e2e-console-placeholder-blocked.png' });
  await page.getByRole('button', { name: 'Select {visitor.name} in the reply to type over it' }).click();
  await page.keyboard.type('Marie');
  const greeted = nextEvent<Message>(socket, 'message:new');
  await reply.press('Enter');
  expect((await greeted).text).toBe('Hi Marie, let me check that for you.');
  expect(sent.some((text) => text.includes('{visitor.name}'))).toBe(false);

  // Insert: a title line, an excerpt cut at a sentence without the price table, the link; shown clickable.
  await suggestions.getByRole('button', { name: `Insert “${article}” into the reply` }).click();
  await expect.poll(() => reply.inputValue()).toContain('/help/articles/');
  const [title, excerpt, url, ...rest] = (await reply.inputValue()).split('\n');
  expect({ title, rest }).toEqual({ title: article, rest: [] });
  expect(excerpt).toMatch(/^Orders placed before 2 pm .*\.$/);
  expect(excerpt).not.toContain('Delivery time');
  expect(url).toMatch(new RegExp(`^${server.url}/help/articles/[0-9a-f]{24}$`));
  const inserted = nextEvent<Message>(socket, 'message:new');
  await reply.press('Enter');
  await inserted;
  const link = page.locator('.message--agent .message__link').last();
  expect(await link.getAttribute('href')).toBe(url);
  expect(await link.getAttribute('target')).toBe('_blank');
  expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
  await page.screenshot({ path: 'test-results/e2e-console-inserted-article.png' });

  // A canned response added in Settings is offered by the reply box at once, without a reload.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const canned = page.getByRole('region', { name: 'Canned responses' });
  await canned.getByLabel('Shortcut').fill('thx');
  await canned.getByLabel('Title').fill('Thanks');
  await canned.getByLabel('Text').fill('Thanks for waiting, {visitor.name}!');
  await canned.getByRole('button', { name: 'Add response' }).click();
  await canned.getByText('/thx').waitFor();
  await page.getByRole('button', { name: 'Inbox', exact: true }).click();
  await reply.fill('/th');
  await page.getByRole('listbox', { name: 'Canned responses' }).getByText('/thx').waitFor();
  await page.screenshot({ path: 'test-results/e2e-console-canned-live.png' });
  await reply.press('Enter');
  expect(await reply.inputValue()).toBe('Thanks for waiting, {visitor.name}!');

  socket.close();
  await context.close();
});
