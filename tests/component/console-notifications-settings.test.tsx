import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkplaceApi } from '../../agent-console/api/workplace-api';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import type { SiteSettingsResponse, SiteSettingsUpdate } from '../../shared/contract';
import { isRtl, LOCALES } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { LifecycleSettings } from '../../shared/lifecycle';
import { convId, jsonResponse, openConversationHandler, renderSignedIn, summary } from './console-harness';

vi.setConfig({ testTimeout: 20_000 });

let languages: readonly string[] = ['en'];
beforeEach(() => {
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const loaded: SiteSettingsResponse = {
  settings: {
    name: 'Demo Shop',
    greeting: 'Hi!',
    allowedOrigins: [],
    locales: ['en'],
    locale: null,
    businessHours: null,
    lifecycle: {},
    proactiveMessages: {},
    autoAwayMinutes: 10,
    unansweredEmailMinutes: 15,
    retention: { conversationDays: null, visitorDays: null, analyticsDailyDays: 400 },
    resumePageUrl: null,
  },
  effectiveLifecycle: LifecycleSettings.parse({}),
  publicKey: 'pk_demo',
  snippet: '<script></script>',
  secret: 'secret',
};

function api(saveSettings: WorkplaceApi['saveSettings']): WorkplaceApi {
  const scripted: Partial<WorkplaceApi> = { settings: async () => loaded, saveSettings, canned: async () => [] };
  return new Proxy(scripted as WorkplaceApi, {
    get: (target, key: string) => target[key as keyof WorkplaceApi] ?? (() => Promise.reject(new Error('not scripted'))),
  });
}

describe('Settings: when an offline agent hears of an unanswered conversation, in every language', () => {
  it.each(LOCALES)('%s: shows the minutes, sends a new value, and empty as never', async (locale) => {
    languages = [locale];
    const label = (await loadConsoleCatalog(locale))['settings.unansweredEmail'];
    const saveSettings = vi.fn(async (_update: SiteSettingsUpdate) => loaded);
    render(<SettingsPage api={api(saveSettings)} />);
    const input = (await screen.findByLabelText(label)) as HTMLInputElement;
    expect(input.value).toBe('15');
    const field = input.closest('label')!;
    expect([field.getAttribute('lang'), field.getAttribute('dir')]).toEqual([locale, isRtl(locale) ? 'rtl' : 'ltr']);

    fireEvent.input(input, { target: { value: '0.5' } });
    fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0].unansweredEmailMinutes).toBe(0.5);

    fireEvent.input(input, { target: { value: '' } });
    fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(2));
    expect(saveSettings.mock.calls[1]![0].unansweredEmailMinutes).toBeNull();
  });
});

describe("the email's link", () => {
  it('opens the conversation it names (#conversation=<id>) and leaves the address clean', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(404, { error: { code: 'not_found', message: 'No such route.' } })),
    );
    const linked = summary(9, { visitorName: 'Dana' });
    history.replaceState(null, '', `/console/#conversation=${convId(9)}`);
    await renderSignedIn({
      'conversations:list': () => ({ conversations: [linked] }),
      'conversation:open': openConversationHandler({ [linked.id]: { summary: linked, messages: [] } }),
    });
    expect(await screen.findByRole('heading', { name: 'Dana' })).toBeTruthy();
    expect(location.hash).toBe('');
  });
});
