// Issue 17: a prompt on a phone is a teaser above the launcher, the prompt's block keeps its place in
// the conversation, and the widget wears the site's colour, logo and corner.
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SitePublicInfo } from '../../shared/contract';
import { applyBranding } from '../../widget/app/branding';
import type { ProactivePrompt } from '../../widget/app/chat-client';
import { fitViewport } from '../../widget/app/phone/fit-viewport';
import { createSiteStore } from '../../widget/app/site-store';
import { message, mountWidget, SITE_KEY, syncResult, type Mounted } from './widget-harness';

const PROMPT_TEXT = 'Stuck at checkout? A person can help you finish your order.';
const prompt: ProactivePrompt = { conversationId: 'c1', kind: 'checkout_idle', concern: 'checkout', article: null, agentsOnline: true };
const BRAND_KEY = `lifecycle-chat:${SITE_KEY}:brand`;

let mounted: Mounted | undefined;
const mount = async (...args: Parameters<typeof mountWidget>) => (mounted = await mountWidget(...args));
const setWidth = (width: number) => Object.defineProperty(window, 'innerWidth', { value: width, configurable: true, writable: true });

beforeEach(() => {
  localStorage.clear();
  setWidth(1024);
});
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  cleanup();
  setWidth(1024);
});

describe('a proactive prompt on a phone', () => {
  it('shows as a teaser that keeps the page usable, and one tap opens the chat on the prompt', async () => {
    setWidth(390);
    const { client } = await mount({ open: false });
    await client.connectAndSync();
    const field = document.body.appendChild(document.createElement('input'));
    field.focus();

    client.push('prompt', prompt);

    const teaser = await screen.findByRole('button', { name: PROMPT_TEXT });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Hide this message' })).toBeTruthy();
    // The shopper keeps typing in the checkout form.
    expect(document.activeElement).toBe(field);

    fireEvent.click(teaser);
    const panel = screen.getByRole('dialog');
    expect(await screen.findByText(PROMPT_TEXT)).toBeTruthy();
    expect(panel.contains(screen.getByText(PROMPT_TEXT))).toBe(true);
    expect(screen.getByRole('button', { name: 'Talk to a person' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Hide this message' })).toBeNull();
    field.remove();
  });

  it('can be dismissed: the teaser goes, and the prompt waits in the chat', async () => {
    setWidth(390);
    const { client, session } = await mount({ open: false });
    await client.connectAndSync();
    client.push('prompt', prompt);
    fireEvent.click(await screen.findByRole('button', { name: 'Hide this message' }));

    expect(screen.queryByRole('button', { name: PROMPT_TEXT })).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => session.openPanel());
    expect(await screen.findByText(PROMPT_TEXT)).toBeTruthy();
  });

  it('in Persian, the teaser speaks it, right to left', async () => {
    setWidth(390);
    const { client } = await mount({ open: false, languages: ['fa'] });
    await client.connectAndSync();
    client.push('prompt', prompt);
    const dismiss = await screen.findByRole('button', { name: 'پنهان کردن این پیام' });
    expect(dismiss.closest('.teaser')?.getAttribute('dir')).toBe('rtl');
  });
});

it('on a wider page the prompt opens the panel, and no teaser shows', async () => {
  setWidth(800);
  const { client } = await mount({ open: false });
  await client.connectAndSync();
  client.push('prompt', prompt);
  expect(screen.getByRole('dialog')).toBeTruthy();
  expect(await screen.findByText(PROMPT_TEXT)).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Hide this message' })).toBeNull();
});

describe("the prompt's block in the conversation", () => {
  const precedes = (a: Node, b: Node) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

  it('stays where it arrived, before later messages, and offers a person until one answers', async () => {
    const { client } = await mount();
    await client.connectAndSync([message({ seq: 0, author: 'visitor', authorName: null, text: 'Is shipping free?' })]);
    client.push('prompt', prompt);
    const offer = await screen.findByText(PROMPT_TEXT);

    client.push('message', message({ seq: 1, author: 'visitor', authorName: null, text: 'Still deciding' }));
    expect(precedes(screen.getByText('Is shipping free?'), offer)).toBe(true);
    expect(precedes(offer, screen.getByText('Still deciding'))).toBe(true);
    expect(screen.getByRole('button', { name: 'Talk to a person' })).toBeTruthy();

    client.push('message', message({ seq: 2, author: 'agent', authorName: 'Ana', text: 'Ana here, happy to help' }));
    expect(precedes(offer, screen.getByText('Ana here, happy to help'))).toBe(true);
    expect(screen.queryByRole('button', { name: 'Talk to a person' })).toBeNull();
    expect(screen.getByText(PROMPT_TEXT)).toBeTruthy();
  });

  it('a person asked for from the help view: the promise stands where it was asked, and goes once a person answered', async () => {
    const { client, session } = await mount();
    await client.connectAndSync([message({ seq: 0, author: 'visitor', authorName: null, text: 'Hello?' })]);
    const asked = session.requestPerson();
    await client.answer('escalation:request-person', { conversationId: 'c1', agentsOnline: true });
    await asked;
    const promise = await screen.findByText('We have asked a person to join. They will answer here shortly.');
    expect(precedes(screen.getByText('Hello?'), promise)).toBe(true);

    client.push('message', message({ seq: 1, author: 'agent', authorName: 'Ana', text: 'Hi, Ana here' }));
    expect(screen.queryByText('We have asked a person to join. They will answer here shortly.')).toBeNull();
  });
});

describe('branding', () => {
  const site = (branding?: SitePublicInfo['branding']): SitePublicInfo => ({ ...syncResult([]).site, ...(branding && { branding }) });

  /** The rules of the stylesheets in a shadow root (constructed ones, or `<style>` elements where those are missing), without spaces. */
  const sheets = (root: ShadowRoot) =>
    (root.adoptedStyleSheets?.length
      ? root.adoptedStyleSheets.map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join(''))
      : [...root.querySelectorAll('style')].map((style) => style.textContent ?? '')
    ).map((css) => css.replace(/\s|;(?=\})/g, ''));

  it("adds the site's colour and corner to the shadow root and keeps them for the next page's loader; nothing unchanged is added again", () => {
    const root = document.createElement('div').attachShadow({ mode: 'open' });
    const store = createSiteStore(SITE_KEY);
    const left = site({ color: '#0f766e', logoUrl: 'https://shop.example/logo.png', position: 'left' });

    applyBranding(root, store, left);
    const sheet = ':host{--lc-accent:#0f766e;--lc-left:20px;--lc-right:auto}';
    expect(localStorage.getItem(BRAND_KEY)).toBe(sheet);
    expect(sheets(root)).toEqual([sheet]);

    // A reconnect syncs the same site again; a site without branding (an older server) changes nothing.
    applyBranding(root, store, { ...left });
    applyBranding(root, store, site());
    expect(sheets(root)).toHaveLength(1);

    // Changed: a later sheet, which wins, names every property again.
    applyBranding(root, store, site({ color: '#b91c1c', logoUrl: null, position: 'right' }));
    expect(sheets(root)[1]).toBe(':host{--lc-accent:#b91c1c;--lc-left:auto;--lc-right:20px}');
    expect(localStorage.getItem(BRAND_KEY)).toBe(sheets(root)[1]);

    // The next page: the loader applied the kept sheet already, so the app adds none.
    const next = document.createElement('div').attachShadow({ mode: 'open' });
    applyBranding(next, store, site({ color: '#b91c1c', logoUrl: null, position: 'right' }));
    expect(sheets(next)).toEqual([]);
  });

  it("shows the site's logo in the panel header, and none without one", async () => {
    const { client } = await mount();
    await client.connectAndSync([], { site: site({ color: '#0f766e', logoUrl: 'https://shop.example/logo.png', position: 'right' }) });
    const header = screen.getByRole('dialog').querySelector('header')!;
    expect(header.querySelector('img')?.getAttribute('src')).toBe('https://shop.example/logo.png');
    expect(header.querySelector('img')?.getAttribute('alt')).toBe('');
  });
});

describe('the panel on a phone with the on-screen keyboard', () => {
  it('takes the visual viewport, and a log at its newest message stays there when the keyboard opens', () => {
    const viewport = Object.assign(new EventTarget(), { height: 844, offsetTop: 0 });
    Object.defineProperty(window, 'visualViewport', { value: viewport, configurable: true });
    const panel = document.body.appendChild(document.createElement('section'));
    const log = panel.appendChild(document.createElement('div'));
    log.className = 'log';
    // jsdom lays nothing out: the log's sizes are the test's.
    let clientHeight = 600;
    Object.defineProperty(log, 'scrollHeight', { value: 2000 });
    Object.defineProperty(log, 'clientHeight', { get: () => clientHeight });
    log.scrollTop = 1400;

    fitViewport(panel);
    expect(panel.style.getPropertyValue('--lc-height')).toBe('844px');

    // The keyboard takes 330 px and the browser scrolls the visual viewport by 40.
    Object.assign(viewport, { height: 514, offsetTop: 40 });
    clientHeight = 270;
    viewport.dispatchEvent(new Event('resize'));
    expect(panel.style.getPropertyValue('--lc-height')).toBe('514px');
    expect(panel.style.getPropertyValue('--lc-top')).toBe('40px');
    expect(log.scrollTop).toBe(2000);

    // Scrolled up to read, the visitor stays where they were.
    log.scrollTop = 100;
    Object.assign(viewport, { height: 844, offsetTop: 0 });
    viewport.dispatchEvent(new Event('resize'));
    expect(log.scrollTop).toBe(100);

    // Gone with the panel, it stops following.
    panel.remove();
    Object.assign(viewport, { height: 500 });
    viewport.dispatchEvent(new Event('resize'));
    expect(panel.style.getPropertyValue('--lc-height')).toBe('844px');
    Reflect.deleteProperty(window, 'visualViewport');
  });
});
