// The widget embedded cross-origin on host pages in Chromium: looks the same on hostile pages,
// works under a strict CSP, leaks nothing, replays early API calls, mirrors for Persian, passes axe,
// works by keyboard alone, and stays within its byte budgets.
import { mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import pixelmatch from 'pixelmatch';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET, measureWidget, worstCaseOpenedGzip } from '../../bench/widget-measure';
import { sharedBrowser, type TestBrowser } from '../helpers/browser';
import type { VisitorContext } from '../../shared/contract';
import { routes } from '../../shared/contract/routes';
import { call } from '../helpers/rest';
import { connectAgent, connected, request, signIn, startTestServer, type AgentSocket, type TestServer } from '../helpers/test-server';
import { HOSTILE_CSS, startHostPages, type HostilePage, type HostPages } from './fixtures/host-pages';

const VIEWPORT = { width: 1000, height: 720 };
/** Share of pixels allowed to differ from the plain page (anti-aliasing noise), with pixelmatch's colour threshold 0.1. */
const MAX_DIFF_RATIO = 0.002;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: TestServer;
let host: HostPages;
let agent: AgentSocket;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startTestServer();
  host = await startHostPages(server.url, server.demoSiteKey);
  // An agent with the console open, so the widget shows no email step.
  agent = connectAgent(server, await signIn(server));
  await connected(agent);
  browser = await sharedBrowser();
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.dispose();
  agent?.disconnect();
  await host?.close();
  await server?.close();
});

async function visit(path: string, options: { locale?: string; reducedMotion?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: options.locale ?? 'en-US', reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${host.origin}${path}`);
  await page.locator('lifecycle-chat .launcher').waitFor();
  return page;
}

async function openChat(page: Page): Promise<void> {
  await page.locator('lifecycle-chat .launcher').click();
  await page.locator('lifecycle-chat .panel textarea').waitFor();
  await expect.poll(() => page.locator('lifecycle-chat .banner').count(), { timeout: 10_000 }).toBe(0);
  await page.mouse.move(10, 10); // no hover state in the pictures
}

/** Screenshots of the widget's opaque parts: the launcher's inner square and the panel inside its rounded corners. */
async function widgetShots(page: Page): Promise<PNG[]> {
  const shots: PNG[] = [];
  for (const [selector, inset] of [
    ['.launcher', 10],
    ['.panel', 16],
  ] as const) {
    const element = page.locator(`lifecycle-chat ${selector}`);
    if ((await element.count()) === 0) continue;
    const box = (await element.boundingBox())!;
    const clip = { x: box.x + inset, y: box.y + inset, width: box.width - 2 * inset, height: box.height - 2 * inset };
    shots.push(PNG.sync.read(await page.screenshot({ clip, animations: 'disabled', caret: 'hide' })));
  }
  return shots;
}

function diffRatio(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  return pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.1 }) / (a.width * a.height);
}

describe('isolation on hostile host pages', () => {
  it('looks the same as on the plain page, closed and open, and stays on top', async () => {
    // Every page in a context of its own, all at once: each mostly waits for its widget to load and connect.
    const seen = await Promise.all(
      (Object.keys(HOSTILE_CSS) as HostilePage[]).map(async (name) => {
        const page = await visit(`/hostile/${name}`);
        const closed = await widgetShots(page);
        await openChat(page);
        const open = await widgetShots(page);
        await page.screenshot({ path: `test-results/widget-hostile-${name}.png` });
        // Hit-testing: the widget, not a host element, receives clicks in its corner.
        const onTop = await page.evaluate(() => {
          const hit = (selector: string) => {
            const box = document.querySelector('lifecycle-chat')!.shadowRoot!.querySelector(selector)!.getBoundingClientRect();
            return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.localName;
          };
          return [hit('.launcher'), hit('.panel')];
        });
        await page.context().close();
        return { name, closed, open, onTop };
      }),
    );
    const reference = seen.find((s) => s.name === 'plain')!;
    for (const { name, closed, open, onTop } of seen) {
      expect(onTop, name).toEqual(['lifecycle-chat', 'lifecycle-chat']);
      if (name === 'plain') continue;
      expect(closed.length + open.length, name).toBe(3);
      expect(diffRatio(closed[0]!, reference.closed[0]!), `${name}: closed launcher`).toBeLessThanOrEqual(MAX_DIFF_RATIO);
      for (const [i, shot] of open.entries()) {
        expect(diffRatio(shot, reference.open[i]!), `${name}: open #${i}`).toBeLessThanOrEqual(MAX_DIFF_RATIO);
      }
    }
  });

  it('defines no global but LifecycleChat and leaves the host styles alone', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.goto(`${host.origin}/bare`);
    const before = await page.evaluate(() => ({ names: Object.getOwnPropertyNames(window), sheets: document.styleSheets.length }));
    await page.goto(`${host.origin}/hostile/plain`);
    await openChat(page);
    const after = await page.evaluate(() => ({
      names: Object.getOwnPropertyNames(window),
      sheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
      styled: [...document.querySelectorAll('[style]')].map((el) => el.localName),
      font: getComputedStyle(document.querySelector('h1')!).fontFamily,
    }));
    expect(after.names.filter((name) => !before.names.includes(name))).toEqual(['LifecycleChat']);
    expect(after).toMatchObject({ sheets: before.sheets, adopted: 0, styled: [] });
    await context.close();
  });
});

describe('strict Content-Security-Policy', () => {
  for (const path of ['/csp', '/csp-strict-dynamic']) {
    it(`runs under ${path} without a violation and without 'unsafe-inline'`, async () => {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const seen: string[] = [];
        Object.defineProperty(window, '__violations', { value: seen });
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
      });
      await page.goto(`${host.origin}${path}`);
      await openChat(page);
      const box = page.locator('lifecycle-chat textarea');
      await box.fill(`hello from ${path}`);
      await box.press('Enter');
      await page.locator('lifecycle-chat .message--mine', { hasText: `hello from ${path}` }).waitFor();
      await expect.poll(() => page.getByText('Sending…').count()).toBe(0);
      // Styled: the panel is positioned by its constructed stylesheet, not unstyled in the page flow.
      expect(await page.locator('lifecycle-chat .panel').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
      expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
      await context.close();
    });
  }
});

describe('JS API', () => {
  it('replays calls queued before the loader arrived, then answers method calls', async () => {
    const page = await visit('/queued');
    await page.locator('lifecycle-chat .panel').waitFor();
    await expect.poll(() => page.evaluate(() => document.body.dataset.opened)).toBe('yes');
    await page.evaluate(() => (window as unknown as { LifecycleChat: { close(): void } }).LifecycleChat.close());
    await expect.poll(() => page.locator('lifecycle-chat .panel').count()).toBe(0);
    await page.evaluate(() => (window as unknown as { LifecycleChat: (...a: unknown[]) => void }).LifecycleChat('open', 'help'));
    await page.locator('lifecycle-chat input[type=search]').waitFor();
    await page.context().close();
  });
});

describe('languages', () => {
  it('renders Persian right to left, mirrored', async () => {
    const page = await visit('/lang/fa');
    await openChat(page);
    const box = page.locator('lifecycle-chat textarea');
    await box.fill('سلام، هزینهٔ ارسال به تهران چقدر است؟');
    await box.press('Enter');
    const mine = page.locator('lifecycle-chat .message--mine .message__text');
    await mine.waitFor();
    await page.screenshot({ path: 'test-results/widget-fa-rtl.png', animations: 'disabled', caret: 'hide' });

    expect(await page.locator('lifecycle-chat .panel').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('lifecycle-chat h2').textContent()).toBeTruthy();
    // One look at the page for all five boxes, once all are laid out (under load the greeting may still
    // be on its way, and a list re-rendering between two looks would mix two layouts).
    const boxes = () =>
      page.evaluate(
        (selectors) => {
          const root = document.querySelector('lifecycle-chat')?.shadowRoot;
          return selectors.map((s) => {
            const rect = root?.querySelector(s)?.getBoundingClientRect();
            return rect?.width ? { x: rect.x, width: rect.width } : null;
          });
        },
        ['.panel', '.icon-button', 'h2', '.message--mine .message__text', '.message:not(.message--mine) .message__text'],
      );
    let found = await boxes();
    await expect
      .poll(async () => {
        found = await boxes();
        return found.every(Boolean);
      })
      .toBe(true);
    const [panel, close, title, own, greeting] = found;
    const middle = panel!.x + panel!.width / 2;
    expect(close!.x).toBeLessThan(title!.x); // the close button moves to the left end of the header
    expect(own!.x + own!.width / 2).toBeLessThan(middle); // the visitor's own messages sit on the left
    expect(greeting!.x + greeting!.width / 2).toBeGreaterThan(middle);
    expect(await page.locator('lifecycle-chat textarea').getAttribute('placeholder')).toBe('پیامی بنویسید…');
    await page.context().close();
  });
});

describe('accessibility', () => {
  async function seriousViolations(page: Page): Promise<string[]> {
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } })
        .axe;
      return (await axe.run()).violations;
    });
    return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  }

  it('has no serious or critical axe violation, closed and open', async () => {
    const page = await visit('/hostile/plain');
    expect(await seriousViolations(page)).toEqual([]);
    await openChat(page);
    const box = page.locator('lifecycle-chat textarea');
    await box.fill('Is there a warranty?');
    await box.press('Enter');
    await page.locator('lifecycle-chat .message--mine').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('lifecycle-chat .tab').nth(1).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('works by keyboard alone with visible focus, and gives focus back to the launcher on close', async () => {
    const page = await visit('/hostile/plain');
    const focused = () =>
      page.evaluate(() => {
        const inner = document.querySelector('lifecycle-chat')!.shadowRoot!.activeElement as HTMLElement | null;
        return inner && { cls: inner.className, tag: inner.localName, outline: getComputedStyle(inner).outlineStyle };
      });
    await page.keyboard.press('Tab'); // the host's button
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ cls: 'launcher', outline: 'solid' });
    await page.keyboard.press('Enter');
    await page.locator('lifecycle-chat textarea').waitFor();
    expect(await focused()).toMatchObject({ tag: 'textarea', outline: 'solid' });
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await page.locator('lifecycle-chat .message--mine', { hasText: 'Typed without a mouse' }).waitFor();

    await page.keyboard.press('Shift+Tab'); // the conversation log (scrollable by keyboard)
    expect(await focused()).toMatchObject({ cls: 'log', outline: 'solid' });
    await page.keyboard.press('Shift+Tab'); // the Conversations tab
    expect(await focused()).toMatchObject({ cls: 'tab', outline: 'solid' });
    await page.keyboard.press('Shift+Tab'); // the Help tab
    expect(await focused()).toMatchObject({ cls: 'tab', outline: 'solid' });
    await page.keyboard.press('Enter');
    expect(await focused()).toMatchObject({ tag: 'input' });
    await page.keyboard.type('shipping');
    const firstHit = page.locator('lifecycle-chat .articles .card').first();
    await firstHit.waitFor();
    const title = (await firstHit.locator('strong').textContent())!;
    await page.keyboard.press('Tab'); // past the (empty) status line to the first article
    expect(await focused()).toMatchObject({ cls: 'card', outline: 'solid' });
    await page.keyboard.press('Enter');
    await page.locator('lifecycle-chat article h3', { hasText: title }).waitFor();
    expect(await focused()).toMatchObject({ cls: 'link-button back' });
    for (let i = 0; i < 20 && (await focused())?.cls !== 'button button--secondary'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "Yes": it was helpful
    await page.getByText('Thank you for your feedback!').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('lifecycle-chat .panel').count()).toBe(0);
    expect(await focused()).toMatchObject({ cls: 'launcher' });
    await page.context().close();
  });
});

describe('tracking', () => {
  it('reports page views (also SPA navigation), the cart and the signed identity of the demo shop', async () => {
    const shop = await browser.newContext({ viewport: VIEWPORT });
    const page = await shop.newPage();
    await page.goto(`${server.url}/demo/product/trail-runner-shoes`);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForLoadState('networkidle'); // the app loads at idle time, without any click on the launcher
    await page.evaluate(() => {
      history.pushState(null, '', '/demo/spa-view');
      document.body.dataset.pageType = 'shipping';
    });
    // What an agent sees about this visitor: the contract's visitor context.
    const token = await page.evaluate(() => Object.entries(localStorage).find(([key]) => key.endsWith(':token'))?.[1]);
    const visitorId = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()).sub as string;
    const context = async () => {
      const answer = await request<VisitorContext>(agent, 'visitor:context', { visitorId });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.data;
    };
    await expect
      .poll(async () => (await context()).pages.map((p) => [new URL(p.url).pathname, p.pageType]), { timeout: 10_000 })
      .toEqual([
        ['/demo/product/trail-runner-shoes', 'product'],
        ['/demo/spa-view', 'shipping'],
      ]);
    expect(await context()).toMatchObject({ cart: { items: 1, value: 89, currency: 'USD' }, identified: true });
    expect(await page.locator('lifecycle-chat .panel').count()).toBe(0);
    await shop.close();
  });
});

describe('bytes', () => {
  it('stays within the loader and opened-widget budgets (gzip -9)', async () => {
    const run = await measureWidget(browser, `${server.url}/demo`);
    expect(run.loader.files).toEqual(['/widget.js']);
    expect(run.loader.gzipBytes).toBeLessThanOrEqual(BUDGET.loaderGzip);
    expect(run.opened.gzipBytes).toBeLessThanOrEqual(BUDGET.openedGzip);
    expect(worstCaseOpenedGzip(run)).toBeLessThanOrEqual(BUDGET.openedGzip);
  });
});

describe('consent mode', () => {
  /** Everything the page keeps for the server's origin: cookies and both storages. */
  const kept = async (page: Page) => ({
    cookies: (await page.context().cookies(server.url)).map((c) => c.name),
    storage: await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]),
  });

  it('stores nothing, opens no socket and sends nothing over three pages; opening the chat shows the notice, and the chat then works', async () => {
    const cookie = await signIn(server);
    const policyUrl = 'https://shop.example/privacy';
    await call(server, routes.settings.update, { cookie, body: { privacy: { consentRequired: true, policyUrl } } });
    try {
      const shop = await browser.newContext({ viewport: VIEWPORT });
      const page = await shop.newPage();
      const sockets: string[] = [];
      const requests: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      page.on('request', (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
      for (const path of ['/demo', '/demo/product/trail-runner-shoes', '/demo/shipping']) {
        await page.goto(`${server.url}${path}`);
        await page.waitForLoadState('networkidle'); // the app has loaded and asked the site
        expect(await kept(page)).toEqual({ cookies: [], storage: [] });
      }
      expect(sockets).toEqual([]);
      // The widget's own requests: its code, the language, and the one question to the site; nothing about the visitor.
      const widgetRequests = requests.filter((r) => !/^GET \/demo/.test(r));
      expect(widgetRequests.every((r) => /^GET \/(widget\.js|widget\/[\w.-]+\.js|api\/widget\/privacy)$/.test(r))).toBe(true);

      await page.locator('lifecycle-chat .launcher').click();
      const panel = page.getByRole('dialog');
      await panel.getByText('Before we chat').waitFor();
      expect(await panel.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe(policyUrl);
      expect(await panel.locator('textarea').count()).toBe(0);
      expect(await kept(page)).toEqual({ cookies: [], storage: [] });
      expect(sockets).toEqual([]);

      await panel.getByRole('button', { name: 'Start chat' }).click();
      await panel.locator('textarea').fill('Do these shoes run large?');
      await panel.locator('textarea').press('Enter');
      // Stored: the message shows with its time, no longer "Sending…".
      await expect.poll(() => panel.locator('.message--mine time').count(), { timeout: 10_000 }).toBe(1);
      expect(sockets).toHaveLength(1);
      expect((await kept(page)).storage).toEqual(expect.arrayContaining([`lifecycle-chat:${server.demoSiteKey}:token`]));
      // The next page knows the visitor: the panel left open opens again, connected, on the conversation.
      await page.goto(`${server.url}/demo/cart`);
      await page.getByRole('dialog').getByText('Do these shoes run large?').waitFor();
      await shop.close();
    } finally {
      await call(server, routes.settings.update, { cookie, body: { privacy: { consentRequired: false, policyUrl: null } } });
    }
  });

  it('starts on the host page’s LifecycleChat.consent(true), and consent(false) forgets the visitor on this device', async () => {
    const cookie = await signIn(server);
    await call(server, routes.settings.update, { cookie, body: { privacy: { consentRequired: true, policyUrl: null } } });
    try {
      const shop = await browser.newContext({ viewport: VIEWPORT });
      const page = await shop.newPage();
      const sockets: { closed: boolean }[] = [];
      page.on('websocket', (ws) => {
        const socket = { closed: false };
        sockets.push(socket);
        ws.on('close', () => {
          socket.closed = true;
        });
      });
      await page.goto(`${server.url}/demo`);
      await page.waitForLoadState('networkidle');
      expect(sockets).toHaveLength(0);
      // A cookie banner's "Accept".
      await page.evaluate(() => (window as unknown as { LifecycleChat: { consent(given: boolean): void } }).LifecycleChat.consent(true));
      await expect.poll(() => sockets.length).toBe(1);
      await expect
        .poll(async () => (await kept(page)).storage)
        .toEqual(expect.arrayContaining([`lifecycle-chat:${server.demoSiteKey}:token`]));
      // "Decline" later: the widget's values go, the connection closes, and opening the chat asks again.
      await page.evaluate(() => (window as unknown as { LifecycleChat: { consent(given: boolean): void } }).LifecycleChat.consent(false));
      await expect.poll(() => sockets[0]!.closed).toBe(true);
      await expect.poll(async () => (await kept(page)).storage.filter((key) => key.startsWith('lifecycle-chat:'))).toEqual([]);
      await page.locator('lifecycle-chat .launcher').click();
      await page.getByRole('dialog').getByText('Before we chat').waitFor();
      expect(sockets).toHaveLength(1);
      await shop.close();
    } finally {
      await call(server, routes.settings.update, { cookie, body: { privacy: { consentRequired: false, policyUrl: null } } });
    }
  });
});

describe('your data', () => {
  it('downloads the visitor’s data and deletes it from the Conversations tab; the device then forgets the visitor', async () => {
    const shop = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
    const page = await shop.newPage();
    await page.goto(`${server.url}/demo`);
    await page.locator('lifecycle-chat .launcher').click();
    const panel = page.getByRole('dialog');
    await panel.locator('textarea').fill('Please keep my size 42 in mind');
    await panel.locator('textarea').press('Enter');
    await expect.poll(() => panel.locator('.message--mine time').count(), { timeout: 10_000 }).toBe(1);
    const token = await page.evaluate((key) => localStorage.getItem(key), `lifecycle-chat:${server.demoSiteKey}:token`);

    await panel.getByRole('button', { name: 'Conversations' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toBe('my-chat-data.json');
    const file = await readFile((await download.path())!, 'utf8');
    expect(file).toContain('Please keep my size 42 in mind');

    await panel.getByRole('button', { name: 'Delete my data' }).click();
    await panel.getByRole('button', { name: 'Yes, delete' }).click();
    await panel.getByText('Your data was deleted.').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('lifecycle-chat:')))).toEqual([]);
    // Nothing is left on the server for that token either.
    const exported = await fetch(`${server.url}/api/privacy/visitor/export`, { headers: { authorization: `Bearer ${token}` } });
    expect(exported.status).toBe(404);
    await shop.close();
  });
});
