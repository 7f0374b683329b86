import { act, cleanup, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHostApi } from '../../widget/app/host-api';
import { message, mountWidget, syncResult, type Mounted } from './widget-harness';

let mounted: Mounted | undefined;
const mount = async (...args: Parameters<typeof mountWidget>) => (mounted = await mountWidget(...args));

beforeEach(() => localStorage.clear());
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  cleanup();
  vi.restoreAllMocks();
});

describe('host page JS API', () => {
  it('holds identify and track until the first sync, then reports them in order', async () => {
    const { client, session } = await mount({ open: false });
    const call = createHostApi(session);
    call(['identify', { id: 'cust-42', name: 'Ana', email: 'ana@example.com', signature: 'f'.repeat(64) }]);
    call(['track', 'cart', { items: 2, value: 149.5, currency: 'eur' }]);
    call(['track', 'wishlist_add', { sku: 'TR-1', size: 42, gift: true, nested: { no: 1 } }]);
    expect(client.notified).toEqual([]);

    await client.connectAndSync();
    expect(client.notified.map((n) => n.payload)).toEqual([
      { type: 'cart', items: 2, value: 149.5, currency: 'EUR' },
      { type: 'custom', name: 'wishlist_add', props: { sku: 'TR-1', size: 42, gift: true } },
    ]);
    expect(client.pending('visitor:identify')[0]?.payload).toEqual({
      id: 'cust-42',
      name: 'Ana',
      email: 'ana@example.com',
      signature: 'f'.repeat(64),
    });
    call(['track', 'cart', { items: 0, value: 0 }]);
    expect(client.notified.at(-1)?.payload).toEqual({ type: 'cart', items: 0, value: 0 });
  });

  it('opens the chat or help, closes, and reports open/close/message to listeners', async () => {
    const { client, session } = await mount({ open: false });
    await client.connectAndSync();
    const call = createHostApi(session);
    const events: unknown[] = [];
    call(['on', 'open', () => events.push('open')]);
    call(['on', 'close', () => events.push('close')]);
    call(['on', 'message', (m: { text: string }) => events.push(m.text)]);
    call([
      'on',
      'message',
      () => {
        throw new Error('a broken host listener');
      },
    ]);
    vi.spyOn(console, 'error').mockImplementation(() => {});

    act(() => call(['open']));
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    act(() => call(['close']));
    act(() => call(['open', 'help']));
    expect(screen.getByRole('searchbox')).toBeTruthy();
    client.push('message', message({ seq: 0, text: 'Hi from Ana' }));
    expect(events).toEqual(['open', 'close', 'open', 'Hi from Ana']);
  });

  it('warns about calls it does not understand and ignores them', async () => {
    const { session } = await mount({ open: false });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const call = createHostApi(session);
    call(['explode']);
    call(['identify', { name: 'no id' }]);
    call(['on', 'hover', () => {}]);
    call(['openArticle', 42]);
    expect(warn).toHaveBeenCalledTimes(4);
    expect(session.state.open).toBe(false);
  });

  it('picks the language: setLocale, then the site, then <html lang>, then the browser', async () => {
    const { client, session } = await mount({ languages: ['de-DE', 'pl-PL', 'en'] });
    expect(screen.getByRole('textbox', { name: 'Wiadomość' })).toBeTruthy();

    await client.connectAndSync([], { site: { ...syncResult([]).site, locale: 'ru' } });
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: 'Сообщение' })).toBeTruthy());
    expect(localStorage.getItem('lifecycle-chat:pk_test_site:locale')).toBe('ru');

    act(() => createHostApi(session)(['setLocale', 'fa']));
    await vi.waitFor(() => expect(screen.getByRole('dialog').getAttribute('dir')).toBe('rtl'));
    expect(screen.getByRole('dialog').getAttribute('lang')).toBe('fa');
    expect(screen.getByRole('textbox', { name: 'پیام' })).toBeTruthy();

    act(() => createHostApi(session)(['setLocale', 'xx']));
    await vi.waitFor(() => expect(screen.getByRole('dialog').getAttribute('dir')).toBe('ltr'));
    expect(screen.getByRole('textbox', { name: 'Сообщение' })).toBeTruthy();
  });

  it('speaks only the languages the site offers, setLocale() included, and knows them before the next sync', async () => {
    const first = await mount({ languages: ['pl-PL', 'ru'] });
    expect(screen.getByRole('textbox', { name: 'Wiadomość' })).toBeTruthy();

    await first.client.connectAndSync([], { site: { ...syncResult([]).site, locales: ['en', 'ru'] } });
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: 'Сообщение' })).toBeTruthy());
    expect(localStorage.getItem('lifecycle-chat:pk_test_site:locales')).toBe('en,ru');

    act(() => createHostApi(first.session)(['setLocale', 'fa']));
    expect(first.session.state.locale).toBe('ru');
    act(() => createHostApi(first.session)(['setLocale', 'en']));
    await vi.waitFor(() => expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy());
    first.unmount();

    // The next page view: Polish is not offered, which the widget knows from the last sync.
    await mount({ languages: ['pl-PL'] });
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });
});
