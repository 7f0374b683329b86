// Issue 15 in the widget: the reply expectation, the inline email step, what outlives a page load
// (unread count, open panel) and the visitor's conversations — every state in all six languages,
// Persian right to left.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message, ReplyExpectation, VisitorConversationItem } from '../../shared/contract';
import { LOCALES, type LocaleCode, loadCatalog } from '../../shared/i18n';
import { type ContinuityKey, continuityCatalogs, continuityText } from '../../shared/i18n/catalogs/continuity';
import { type MessageKey, translate, type Vars } from '../../shared/i18n/translate';
import { ChatError } from '../../widget/app/chat-client';
import { emailDueAt, unseen, waitingSince } from '../../widget/app/continuity';
import { message, mountWidget, type Mounted, SITE_KEY } from './widget-harness';

let mounted: Mounted | undefined;
const mount = async (...args: Parameters<typeof mountWidget>) => (mounted = await mountWidget(...args));
const stored = (key: string) => localStorage.getItem(`lifecycle-chat:${SITE_KEY}:${key}`);

beforeEach(() => localStorage.clear());
afterEach(() => {
  vi.useRealTimers();
  mounted?.unmount();
  mounted = undefined;
  cleanup();
});

/** The widget's text in `locale`: its catalog, and the lazily loaded views' own strings. */
async function texts(locale: LocaleCode) {
  const catalog = await loadCatalog(locale);
  const lazyViews = continuityText(locale);
  return (key: MessageKey | ContinuityKey, vars?: Vars) =>
    key in continuityCatalogs.en ? lazyViews(key as ContinuityKey, vars) : translate(catalog, key as MessageKey, vars);
}

const visitorMessage = (seq: number, createdAt: string) =>
  message({ seq, author: 'visitor', authorName: null, text: `question ${seq}`, createdAt });

describe.each(LOCALES)('in %s', (locale) => {
  const languages = [locale];

  it('says when to expect a reply: in about N minutes, or back at the opening time in the site’s time zone', async () => {
    const t = await texts(locale);
    const { client, session } = await mount({ languages });
    const back: ReplyExpectation = { kind: 'back', at: '2025-01-06T08:00:00.000Z', timezone: 'Europe/Prague', sameDay: true };
    await client.connectAndSync([], { expectation: { kind: 'minutes', minutes: 4 } });
    expect(screen.getByText(t('expect.minutes', { minutes: 4 }))).toBeTruthy();
    expect(screen.getByRole('dialog').getAttribute('dir')).toBe(locale === 'fa' ? 'rtl' : 'ltr');

    client.push('connect');
    await client.answer('visitor:sync', { ...session.state, ...syncOf(back) });
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Prague' }).format(
      new Date(back.at),
    );
    expect(screen.getByText(t('expect.back', { time }))).toBeTruthy();

    client.push('connect');
    await client.answer('visitor:sync', { ...session.state, ...syncOf({ ...back, sameDay: false }) });
    const day = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'Europe/Prague' }).format(new Date(back.at));
    expect(screen.getByText(t('expect.backOn', { day, time }))).toBeTruthy();
  });

  it('asks for an email address inline once the message waits with no agent online, explains a bad one, and confirms', async () => {
    const t = await texts(locale);
    const { client } = await mount({ languages });
    await client.connectAndSync([], { agentsOnline: false });
    expect(screen.queryByRole('textbox', { name: t('email.label') })).toBeNull();
    const box = screen.getByRole('textbox', { name: t('composer.label') });
    fireEvent.input(box, { target: { value: 'Hello?' } });
    fireEvent.click(screen.getByRole('button', { name: t('composer.send') }));

    const email = await screen.findByRole('textbox', { name: t('email.label') });
    expect(email.getAttribute('dir')).toBe('ltr'); // an address reads left to right, also in Persian
    fireEvent.input(email, { target: { value: 'ana@' } });
    fireEvent.submit(email.closest('form')!);
    expect(screen.getByRole('alert').textContent).toBe(t('email.invalid'));
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(client.pending('visitor:contact')).toHaveLength(0);

    fireEvent.input(email, { target: { value: 'ana@example.com' } });
    fireEvent.submit(email.closest('form')!);
    await client.fail('visitor:contact', new ChatError('invalid_payload', 'Invalid request. email: Invalid email address'));
    expect(screen.getByRole('alert').textContent).toBe(t('email.invalid')); // never the server's own words

    fireEvent.submit(email.closest('form')!);
    await client.answer('visitor:contact', { email: 'ana@example.com' });
    expect(screen.getByRole('status').textContent).toBe(t('email.saved', { email: 'ana@example.com' }));
    expect(screen.getByRole('textbox', { name: t('composer.label') })).toBeTruthy();
  });

  it('lists the visitor’s conversations, opens a closed one read-only, and starts a new one', async () => {
    const t = await texts(locale);
    const { client, session } = await mount({ languages });
    await client.connectAndSync();
    fireEvent.click(screen.getByRole('button', { name: t('panel.history') }));
    const list: VisitorConversationItem[] = [
      { id: 'c2', status: 'open', startedAt: '2025-01-02T09:00:00.000Z', lastMessage: null },
      {
        id: 'c1',
        status: 'closed',
        startedAt: '2025-01-01T09:00:00.000Z',
        lastMessage: { text: 'Glad to help!', author: 'agent', createdAt: '2025-01-01T09:30:00.000Z' },
      },
    ];
    await vi.waitFor(() => expect(client.pending('conversations:mine')).toHaveLength(1));
    await client.answer('conversations:mine', { conversations: list });
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('button').querySelector('strong')?.textContent)).toEqual([
      t('history.open'),
      t('history.closed'),
    ]);
    expect(within(items[0]!).getByText(t('history.none'))).toBeTruthy();
    expect(within(items[1]!).getByText('Glad to help!')).toBeTruthy();

    fireEvent.click(within(items[1]!).getByRole('button'));
    expect(client.pending('conversation:view')[0]?.payload).toEqual({ conversationId: 'c1' });
    await client.answer('conversation:view', {
      id: 'c1',
      status: 'closed',
      messages: [message({ seq: 0, conversationId: 'c1', text: 'Glad to help!' })],
    });
    expect(screen.getByText(t('history.readOnly'))).toBeTruthy();
    expect(screen.getByText('Glad to help!')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: t('history.back') }));

    // A new conversation starts from the list (there is no open one in the chat).
    fireEvent.click(screen.getByRole('button', { name: t('history.new') }));
    expect(session.state.view).toBe('chat');
    expect(screen.getByRole('textbox', { name: t('composer.label') })).toBeTruthy();
  });
});

function syncOf(expectation: ReplyExpectation) {
  return {
    visitorId: 'v1',
    token: 'signed-token',
    site: { name: 'Acme Support', greeting: 'Hi there! How can we help?', locale: null, locales: [] },
    conversationId: null,
    messages: [],
    stage: 'awareness' as const,
    agentsOnline: true,
    expectation,
    email: null,
    emailPromptMinutes: 2,
  };
}

describe('the lazily loaded views’ own strings', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it.each(LOCALES)('%s has every key with the same placeholders, translated', (locale) => {
    const catalog = continuityCatalogs[locale];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(continuityCatalogs.en).sort());
    for (const [key, text] of Object.entries(catalog) as [ContinuityKey, string][]) {
      expect(placeholders(text), key).toEqual(placeholders(continuityCatalogs.en[key]));
      if (locale !== 'en') expect(text, `${locale} ${key}`).not.toBe(continuityCatalogs.en[key]);
    }
  });
});

describe('the email step with agents online', () => {
  it('waits for the site’s threshold before asking, and never asks a visitor whose address is known', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2025-01-01T10:00:30.000Z'));
    const { client } = await mount();
    await client.connectAndSync([visitorMessage(0, '2025-01-01T10:00:00.000Z')], { emailPromptMinutes: 2 });
    expect(screen.queryByRole('textbox', { name: /Email/ })).toBeNull();
    act(() => {
      vi.advanceTimersByTime(90_000);
    });
    vi.useRealTimers();
    expect(await screen.findByRole('textbox', { name: /Email/ })).toBeTruthy();

    // An agent's reply ends the wait: the step goes.
    client.push('message', message({ seq: 1 }));
    expect(screen.queryByRole('textbox', { name: /Email/ })).toBeNull();
    mounted?.unmount();
    cleanup();

    const known = await mount();
    await known.client.connectAndSync([visitorMessage(0, '2024-12-31T10:00:00.000Z')], { email: 'ana@example.com' });
    expect(screen.queryByRole('textbox', { name: /Email/ })).toBeNull();
  });

  it('lets the visitor decline, and keeps the message box either way', async () => {
    const { client } = await mount();
    await client.connectAndSync([visitorMessage(0, '2024-12-31T10:00:00.000Z')], { agentsOnline: false });
    await screen.findByRole('textbox', { name: /Email/ });
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('textbox', { name: /Email/ })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });
});

describe('a closed conversation', () => {
  it('names the conversation shown when the visitor writes into it after it closed, so the new one links to it', async () => {
    const { client } = await mount();
    await client.connectAndSync([message({ seq: 0, text: 'Anything else?' })]);
    client.push('closed', 'c1');
    fireEvent.input(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'One more thing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(client.pending('message:send')[0]?.payload).toMatchObject({ text: 'One more thing', conversationId: 'c1' });
  });
});

describe('nothing missed while browsing', () => {
  it('counts replies that came while the visitor was on another page, and keeps the count for the next page', async () => {
    localStorage.setItem(`lifecycle-chat:${SITE_KEY}:seen`, 'c1:0');
    const first = await mount({ open: false });
    await first.client.connectAndSync([message({ seq: 0 }), message({ seq: 1 }), message({ seq: 2 })]);
    expect(first.session.state.unread).toBe(2);
    expect(stored('unread')).toBe('2');
    first.unmount();
    cleanup();

    // The next page: the badge shows the stored count before the sync, then the sync confirms it.
    const next = await mount({ open: false });
    expect(next.session.state.unread).toBe(2);
    await next.client.connectAndSync([message({ seq: 0 }), message({ seq: 1 }), message({ seq: 2 })]);
    expect(next.session.state.unread).toBe(2);
    act(() => next.session.openPanel());
    expect(next.session.state.unread).toBe(0);
    expect(stored('unread')).toBeNull();
    expect(stored('seen')).toBe('c1:2');
  });

  it('reopens a panel left open on the previous page, on the same view, without taking focus', async () => {
    const first = await mount();
    await first.client.connectAndSync();
    act(() => first.session.showView('help'));
    expect(stored('panel')).toBe('help');
    first.unmount();
    cleanup();

    const next = await mount({ open: false });
    expect(next.session.state.open).toBe(true);
    expect(next.session.state.view).toBe('help');
    expect(document.activeElement).toBe(document.body);
    act(() => next.session.close());
    expect(stored('panel')).toBeNull();
  });
});

describe('the widget’s email step and badge', () => {
  const m = (seq: number, author: Message['author'], createdAt: string, conversationId = 'c1'): Message => ({
    id: `m${seq}`,
    conversationId,
    clientId: `client-${seq}-xyz`,
    seq,
    author,
    authorName: null,
    text: 'text',
    createdAt,
  });
  const at = (iso: string) => Date.parse(iso);

  it('waits from the oldest visitor message after the last agent reply, or the oldest one still queued', () => {
    const messages = [
      m(0, 'visitor', '2025-01-06T09:00:00Z'),
      m(1, 'agent', '2025-01-06T09:01:00Z'),
      m(2, 'visitor', '2025-01-06T09:05:00Z'),
    ];
    expect(waitingSince(messages, [])).toBe(at('2025-01-06T09:05:00Z'));
    expect(waitingSince(messages.slice(0, 2), [])).toBeNull();
    expect(waitingSince(messages.slice(0, 2), [{ createdAt: '2025-01-06T09:06:00Z' }])).toBe(at('2025-01-06T09:06:00Z'));
  });

  it('is due at once with no agent online, after the site’s minutes otherwise, and never once the address is known or declined', () => {
    const base = {
      expectation: null,
      email: null,
      emailPromptMinutes: 2,
      emailStep: 'hidden' as const,
      emailDeclined: false,
      agentsOnline: true,
      messages: [m(0, 'visitor', '2025-01-06T09:00:00Z')],
      pending: [],
    };
    expect(emailDueAt(base)).toBe(at('2025-01-06T09:02:00Z'));
    expect(emailDueAt({ ...base, agentsOnline: false })).toBe(0);
    expect(emailDueAt({ ...base, email: 'ana@example.com' })).toBeNull();
    expect(emailDueAt({ ...base, emailDeclined: true })).toBeNull();
    expect(emailDueAt({ ...base, messages: [] })).toBeNull();
  });

  it('counts agent messages after the last position seen, all of them in another conversation', () => {
    const messages = [m(0, 'visitor', 'x'), m(1, 'agent', 'x'), m(2, 'agent', 'x'), m(3, 'system', 'x')];
    expect(unseen(messages, 'c1:1')).toBe(1);
    expect(unseen(messages, 'c0:9')).toBe(2);
    expect(unseen(messages, null)).toBe(2);
  });
});
