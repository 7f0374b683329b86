// The console's form for the widget's continuity settings (issue 15): when the widget asks a waiting
// visitor for an email address, and when a quiet conversation closes — in every language.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkplaceApi } from '../../agent-console/api/workplace-api';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import { DEFAULT_CONTINUITY, type SiteSettingsResponse, type SiteSettingsUpdate } from '../../shared/contract';
import { isRtl, LOCALES } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { LifecycleSettings } from '../../shared/lifecycle';

vi.setConfig({ testTimeout: 20_000 });

let languages: readonly string[] = ['en'];
beforeEach(() => {
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
});
afterEach(cleanup);

/** A site that never set its continuity settings: the form shows the defaults. */
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

describe('Settings: keeping the visitor, in every language', () => {
  it.each(LOCALES)('%s: the email-step minutes and the auto-close hours, defaults shown, are sent as set', async (locale) => {
    languages = [locale];
    const t = await loadConsoleCatalog(locale);
    const saveSettings = vi.fn(
      async (update: SiteSettingsUpdate): Promise<SiteSettingsResponse> => ({ ...loaded, settings: { ...loaded.settings, ...update } }),
    );
    render(<SettingsPage api={api(saveSettings)} />);
    const prompt = (await screen.findByLabelText(t['settings.continuity.emailPrompt'])) as HTMLInputElement;
    const close = screen.getByLabelText(t['settings.continuity.autoClose']) as HTMLInputElement;
    expect([Number(prompt.value), Number(close.value)]).toEqual([DEFAULT_CONTINUITY.emailPromptMinutes, DEFAULT_CONTINUITY.autoCloseHours]);
    const card = screen.getByRole('group', { name: t['settings.continuity.title'] });
    expect([card.getAttribute('lang'), card.getAttribute('dir')]).toEqual([locale, isRtl(locale) ? 'rtl' : 'ltr']);

    fireEvent.input(prompt, { target: { value: '5' } });
    fireEvent.input(close, { target: { value: '0' } });
    fireEvent.submit(prompt.closest('form')!);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0].continuity).toEqual({ emailPromptMinutes: 5, autoCloseHours: 0 });
  });
});
