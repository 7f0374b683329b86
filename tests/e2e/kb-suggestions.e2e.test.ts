import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KbPublicArticle, Message } from '../../shared/contract';
import { articleIdsIn } from '../../shared/kb/links';
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

it("suggests an article for the visitor's question in the console; Insert sends its title, prose excerpt and link", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/console`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  const { socket } = await joinAsVisitor(server);
  const question = 'How long does shipping to my place take?';
  expect((await request(socket, 'message:send', { clientId: clientId(), text: question })).ok).toBe(true);

  await page.getByText(question).first().click();
  const suggestions = page.getByRole('complementary', { name: 'Suggested articles' });
  await suggestions.getByText('How long does shipping take and what does it cost?').waitFor();
  await page.screenshot({ path: 'test-results/e2e-kb-suggestions.png' });
  await suggestions.getByRole('button', { name: 'Insert “How long does shipping take and what does it cost?” into the reply' }).click();

  const reply = page.getByRole('textbox', { name: 'Reply' });
  await expect.poll(() => reply.inputValue()).toContain('/help/articles/');
  const received = nextEvent<Message>(socket, 'message:new');
  await reply.press('Enter');
  const message = await received;

  const [articleId] = articleIdsIn(message.text);
  const article = await request<KbPublicArticle>(socket, 'kb:article', { id: articleId });
  expect(article.ok).toBe(true);
  if (!article.ok) return;
  expect(message.text).toBe(`${article.data.title}\n${article.data.excerpt}\n${server.url}/help/articles/${articleId}`);
  // The excerpt is the article's prose: its price table is left out rather than read cell by cell.
  expect(article.data.excerpt).not.toContain('Delivery time');
  socket.close();
  await context.close();
});
