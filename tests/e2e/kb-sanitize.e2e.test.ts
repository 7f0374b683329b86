import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbArticleSummary, KbPublicArticle } from '../../shared/contract';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import { kbApi } from '../helpers/kb';
import { ADMIN, joinAsVisitor, request, signIn, startTestServer, type TestServer } from '../helpers/test-server';

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

const TITLE = 'Totally normal shipping article';
const MALICIOUS = [
  'Read this first.',
  '<script>window.__xss = "script"</script>',
  '<img src="x" onerror="window.__xss = \'onerror\'">',
  "[click me](javascript:window.__xss='markdown-link')",
  '<a href="javascript:window.__xss=\'raw-link\'">raw link</a> <a href="JaVaScRiPt:window.__xss=1">caps</a>',
  '<svg onload="window.__xss=\'svg\'"></svg><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<p onclick="window.__xss=\'click\'" style="color:red">paragraph</p>',
  '<details open ontoggle="window.__xss=\'toggle\'"><summary>x</summary></details>',
].join('\n\n');

/** What must never be in the DOM under `root`: scripting elements, event-handler attributes, script URLs. */
const DANGER_IN_DOM = (root: Element) => {
  const found: string[] = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    if (['SCRIPT', 'IFRAME', 'SVG', 'OBJECT', 'EMBED'].includes(el.tagName.toUpperCase())) found.push(el.tagName);
    for (const attr of el.getAttributeNames()) {
      if (attr.toLowerCase().startsWith('on') || attr.toLowerCase() === 'style') found.push(`${el.tagName}[${attr}]`);
      if (/^\s*(javascript|vbscript|data):/i.test(el.getAttribute(attr) ?? ''))
        found.push(`${el.tagName}[${attr}=${el.getAttribute(attr)}]`);
    }
  }
  return found;
};

describe('article Markdown never brings scripts into a page', () => {
  it('in the console preview, on the article page, and as the HTML the widget receives', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/console`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Knowledge base' }).click();
    await page.getByRole('button', { name: 'New article' }).click();
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Category').fill('Shipping');
    await page.getByLabel('Body (Markdown)').fill(MALICIOUS);
    const preview = page.getByTestId('kb-preview');
    await preview.getByText('paragraph').waitFor();
    await preview.getByText('click me').click();
    await preview.getByText('paragraph').click();
    expect(await preview.evaluate(DANGER_IN_DOM)).toEqual([]);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published: visitors see it now.').waitFor();
    await page.screenshot({ path: 'test-results/e2e-kb-editor.png' });

    const editor = kbApi(server.url, await signIn(server));
    const { body } = await editor.list({ status: 'published', locale: 'en' });
    const published = (body.articles as KbArticleSummary[]).find((a) => a.title === TITLE);
    expect(published).toBeDefined();

    const articlePage = await context.newPage();
    await articlePage.goto(`${server.url}/help/articles/${published!.id}`);
    await articlePage.getByText('paragraph').click();
    expect(await articlePage.locator('article').evaluate(DANGER_IN_DOM)).toEqual([]);
    expect(await articlePage.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

    // The widget receives `html` over the socket; put it into a page with no CSP, as innerHTML, and
    // let handlers have their chance to fire: nothing may run.
    const { socket } = await joinAsVisitor(server);
    const ack = await request<KbPublicArticle>(socket, 'kb:article', { id: published!.id });
    socket.close();
    expect(ack.ok).toBe(true);
    const bare = await context.newPage();
    await bare.setContent('<!doctype html><main id="help"></main><div id="control"></div>');
    // Control: the same probe does catch an unsanitized handler, and handlers do run on this page.
    await bare.evaluate(() => {
      document.getElementById('control')!.innerHTML = '<img src="x" onerror="window.__probe = 1">';
    });
    await expect.poll(() => bare.evaluate(() => (window as { __probe?: unknown }).__probe)).toBe(1);
    expect(await bare.locator('#control').evaluate(DANGER_IN_DOM)).toEqual(['IMG[onerror]']);
    await bare.evaluate(
      (html) => {
        document.getElementById('help')!.innerHTML = html;
      },
      ack.ok ? ack.data.html : '',
    );
    await bare.getByText('paragraph').click();
    await bare.waitForTimeout(300);
    expect(await bare.locator('#help').evaluate(DANGER_IN_DOM)).toEqual([]);
    expect(await bare.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await bare.locator('#help a').count()).toBe(3);
    await context.close();
  });
});
