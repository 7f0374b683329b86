import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary, NotificationPreferences } from '../../shared/contract';
import { isRtl, LOCALES, type LocaleCode } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { translate, type ConsoleCatalog, type ConsoleKey, type Vars } from '../../shared/i18n/translate';
import { agent, jsonResponse, minutesAgo, openConversationHandler, renderSignedIn, summary } from './console-harness';

// Each test renders the whole console; on a busy machine the first one takes seconds.
vi.setConfig({ testTimeout: 20_000 });

// ---- fakes of the browser APIs jsdom lacks or fixes: Notification, Web Audio, tab visibility, languages ----

class FakeNotification {
  static permission: NotificationPermission = 'default';
  static requestPermission = vi.fn(async () => {
    FakeNotification.permission = 'granted';
    return 'granted' as NotificationPermission;
  });
  static shown: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: { body: string; tag: string },
  ) {
    FakeNotification.shown.push(this);
  }
  close(): void {
    this.closed = true;
  }
}

/** Every tone the console started (two per sound). */
const tones: number[] = [];
class FakeAudioContext {
  currentTime = 0;
  destination = {};
  resume = async () => undefined;
  createOscillator() {
    const param = { value: 0 };
    return {
      type: 'sine',
      frequency: param,
      connect: (next: unknown) => next,
      start: () => tones.push(param.value),
      stop: () => undefined,
    };
  }
  createGain() {
    const gain = { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined };
    return { gain, connect: (next: unknown) => next };
  }
}

let visibility: DocumentVisibilityState = 'visible';
let languages: readonly string[] = ['en'];
let stored: NotificationPreferences = { desktop: true, sound: true, emailWhenOffline: true };
const saved: unknown[] = [];

function setVisibility(next: DocumentVisibilityState): void {
  visibility = next;
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

beforeEach(() => {
  visibility = 'visible';
  languages = ['en'];
  stored = { desktop: true, sound: true, emailWhenOffline: true };
  saved.length = 0;
  tones.length = 0;
  FakeNotification.permission = 'default';
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
  vi.stubGlobal('Notification', FakeNotification);
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url === '/api/auth/preferences' && init?.method === 'PUT') {
        const body = JSON.parse(String(init.body)) as Partial<NotificationPreferences>;
        saved.push(body);
        stored = { ...stored, ...body };
        return jsonResponse(200, { preferences: stored });
      }
      if (url === '/api/auth/preferences') return jsonResponse(200, { preferences: stored });
      if (url === '/api/canned') return jsonResponse(200, { responses: [] });
      return jsonResponse(404, { error: { code: 'not_found', message: 'No such route.' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The console's own translator for a language, as the views use it. */
async function translator(locale: LocaleCode): Promise<(key: ConsoleKey, vars?: Vars) => string> {
  const catalog: ConsoleCatalog = await loadConsoleCatalog(locale);
  return (key, vars) => translate(catalog, key, vars);
}

async function openAccount(locale: LocaleCode) {
  languages = [locale === 'en' ? 'en-GB' : locale];
  const t = await translator(locale);
  const ctx = await renderSignedIn();
  fireEvent.click(screen.getByRole('button', { name: 'My account' }));
  const card = (await screen.findByRole('heading', { name: t('notifications.title') })).closest('section')!;
  return { ...ctx, t, card: card as HTMLElement };
}

const titleCount = () => /^\((\d+)\)/.exec(document.title)?.[1] ?? null;

describe('notification preferences on "My account", in every language', () => {
  it.each(LOCALES)('%s: the permission is asked from the button only, and each preference is saved on the account', async (locale) => {
    const { t, card } = await openAccount(locale);
    expect(card.getAttribute('lang')).toBe(locale);
    expect(card.getAttribute('dir')).toBe(isRtl(locale) ? 'rtl' : 'ltr');
    expect(within(card).getByText(t('notifications.hint'))).toBeTruthy();
    // Nothing asked on load: only the visible control asks.
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    const desktop = within(card).getByRole('checkbox', { name: t('notifications.desktop') }) as HTMLInputElement;
    expect(desktop.disabled).toBe(true);
    fireEvent.click(within(card).getByRole('button', { name: t('notifications.permission.ask') }));
    expect(await within(card).findByText(t('notifications.permission.granted'))).toBeTruthy();
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect(desktop.disabled).toBe(false);

    const sound = within(card).getByRole('checkbox', { name: t('notifications.sound') }) as HTMLInputElement;
    const email = within(card).getByRole('checkbox', { name: t('notifications.emailWhenOffline') }) as HTMLInputElement;
    expect([desktop.checked, sound.checked, email.checked]).toEqual([true, true, true]);
    fireEvent.click(sound);
    await waitFor(() => expect(saved).toEqual([{ sound: false }]));
    expect(await within(card).findByText(t('notifications.saved'))).toBeTruthy();
    expect(sound.checked).toBe(false);
    expect((within(card).getByRole('button', { name: t('notifications.playSound') }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(email);
    await waitFor(() => expect(saved).toEqual([{ sound: false }, { emailWhenOffline: false }]));
    expect(email.checked).toBe(false);
  });

  it('shows what the stored preferences say, a blocked permission, and plays the sound to try it', async () => {
    stored = { desktop: false, sound: true, emailWhenOffline: false };
    FakeNotification.permission = 'denied';
    const { t, card } = await openAccount('fa');
    await waitFor(() =>
      expect((within(card).getByRole('checkbox', { name: t('notifications.emailWhenOffline') }) as HTMLInputElement).checked).toBe(false),
    );
    expect((within(card).getByRole('checkbox', { name: t('notifications.desktop') }) as HTMLInputElement).checked).toBe(false);
    expect(within(card).getByText(t('notifications.permission.denied'))).toBeTruthy();
    expect(within(card).queryByRole('button', { name: t('notifications.permission.ask') })).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: t('notifications.playSound') }));
    expect(tones).toHaveLength(2);
  });

  it('says so where the browser has no notifications', async () => {
    vi.stubGlobal('Notification', undefined);
    const { t, card } = await openAccount('cs');
    expect(within(card).getByText(t('notifications.permission.unsupported'))).toBeTruthy();
  });

  it('puts the previous choice back and says why when saving fails', async () => {
    const { t, card } = await openAccount('ro');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(503, { error: { code: 'unavailable', message: 'Try later.' } })),
    );
    const sound = within(card).getByRole('checkbox', { name: t('notifications.sound') }) as HTMLInputElement;
    fireEvent.click(sound);
    expect((await within(card).findByRole('alert')).textContent).toBe(t('notifications.failed', { message: 'Try later.' }));
    expect(sound.checked).toBe(true);
  });
});

describe('a console tab in the background', () => {
  const mine = summary(3, {
    visitorName: 'Ana',
    assigneeId: agent.id,
    lastMessage: { text: 'How can I help?', author: 'agent', createdAt: minutesAgo(2) },
  });
  const newcomer = summary(4, {
    visitorName: 'Bo',
    lastMessage: { text: 'Is this in stock?', author: 'visitor', createdAt: new Date().toISOString() },
  });

  async function inBackground(locale: LocaleCode = 'en') {
    languages = [locale];
    FakeNotification.permission = 'granted';
    const ctx = await renderSignedIn({
      'conversations:list': () => ({ conversations: [mine] }),
      'conversation:open': openConversationHandler({
        [mine.id]: { summary: mine, messages: [] },
        [newcomer.id]: { summary: newcomer, messages: [] },
      }),
    });
    await screen.findByText('Ana');
    // The console asked for the same catalog first: by now it has it too.
    const t = await translator(locale);
    await act(async () => {});
    await waitFor(() => expect(vi.mocked(fetch).mock.calls.some(([url]) => String(url) === '/api/auth/preferences')).toBe(true));
    setVisibility('hidden');
    return { ...ctx, t };
  }

  it.each(LOCALES)(
    '%s: notifies new conversations, visitor messages in mine and offers, with a sound and a count in the title',
    async (locale) => {
      const { connection, t } = await inBackground(locale);
      connection.push('conversation:upsert', newcomer);
      const visitorLine = { text: 'Hello?', author: 'visitor' as const, createdAt: new Date().toISOString() };
      const mineNow: ConversationSummary = { ...mine, lastMessage: visitorLine, waitingSince: visitorLine.createdAt };
      connection.push('conversation:upsert', mineNow);
      // The same message announced again (another summary push) calls nobody twice.
      connection.push('conversation:upsert', { ...mineNow, unread: 1 });
      connection.push('escalation:offer', { conversation: summary(5, { visitorName: 'Cy', priority: 100 }), expiresAt: null });
      // An agent's own reply elsewhere calls nobody.
      connection.push('conversation:upsert', {
        ...mineNow,
        lastMessage: { ...visitorLine, author: 'agent' as const, createdAt: new Date(Date.now() + 1000).toISOString() },
      });

      await waitFor(() =>
        expect(FakeNotification.shown.map((n) => n.title)).toEqual([
          t('notify.conversation', { name: 'Bo' }),
          t('notify.message', { name: 'Ana' }),
          t('notify.offer', { name: 'Cy' }),
        ]),
      );
      expect(FakeNotification.shown.map((n) => n.options.body)).toEqual(['Is this in stock?', 'Hello?', 'Hello from 5']);
      expect(FakeNotification.shown.map((n) => n.options.tag)).toEqual([newcomer.id, mine.id, summary(5).id]);
      expect(tones).toHaveLength(6);
      // Three calls, plus the conversation now waiting for a reply.
      await waitFor(() => expect(titleCount()).toBe('4'));

      setVisibility('visible');
      await waitFor(() => expect(titleCount()).toBe('1'));
    },
  );

  it('a visitor asking for a person in my conversation ("Talk to a person") is a new message too', async () => {
    const { connection } = await inBackground();
    const handOff = { text: 'The visitor asked to talk to a person.', author: 'system' as const, createdAt: new Date().toISOString() };
    connection.push('conversation:upsert', { ...mine, lastMessage: handOff, waitingSince: handOff.createdAt });
    await waitFor(() =>
      expect(FakeNotification.shown.map((n) => [n.title, n.options.body])).toEqual([['New message from Ana', handOff.text]]),
    );
  });

  it('stays quiet while the tab is visible', async () => {
    const { connection } = await inBackground();
    setVisibility('visible');
    connection.push('conversation:upsert', newcomer);
    connection.push('escalation:offer', { conversation: summary(6), expiresAt: null });
    expect(FakeNotification.shown).toEqual([]);
    expect(tones).toEqual([]);
    expect(titleCount()).toBeNull();
  });

  it('follows the preferences: no notification without "notifications", no sound without "sound"; the count stays', async () => {
    stored = { desktop: false, sound: true, emailWhenOffline: true };
    const { connection } = await inBackground();
    connection.push('conversation:upsert', newcomer);
    await waitFor(() => expect(titleCount()).toBe('1'));
    expect(FakeNotification.shown).toEqual([]);
    expect(tones).toHaveLength(2);

    cleanup();
    stored = { desktop: true, sound: false, emailWhenOffline: true };
    const second = await inBackground();
    second.connection.push('conversation:upsert', newcomer);
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    expect(tones).toHaveLength(2);
  });

  it('clicking a notification focuses the console on that conversation, from any page', async () => {
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    const { connection, t } = await inBackground();
    fireEvent.click(screen.getByRole('button', { name: 'My account' }));
    await screen.findByRole('heading', { name: t('notifications.title') });
    connection.push('conversation:upsert', newcomer);
    await waitFor(() => expect(FakeNotification.shown).toHaveLength(1));
    act(() => FakeNotification.shown[0]!.onclick!());
    expect(focus).toHaveBeenCalled();
    expect(FakeNotification.shown[0]!.closed).toBe(true);
    expect(await screen.findByRole('heading', { name: 'Bo' })).toBeTruthy();
  });
});
