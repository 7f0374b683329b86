import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkplaceApi } from '../../agent-console/api/workplace-api';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import type { SiteSettingsResponse, SiteSettingsUpdate } from '../../shared/contract';
import { isRtl, LOCALES } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { LifecycleSettings } from '../../shared/lifecycle';

vi.setConfig({ testTimeout: 20_000 });

let languages: readonly string[] = ['en'];
beforeEach(() => {
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
});
afterEach(cleanup);

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
    mail: { replyDelaySeconds: null, transcriptOnClose: false },
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

describe('Settings: replies by email, in every language', () => {
  it.each(LOCALES)('%s: the delay (empty: the server default) and the transcript on close are sent as set', async (locale) => {
    languages = [locale];
    const t = await loadConsoleCatalog(locale);
    // The server answers what it stored, as the real one does.
    const saveSettings = vi.fn(
      async (update: SiteSettingsUpdate): Promise<SiteSettingsResponse> => ({ ...loaded, settings: { ...loaded.settings, ...update } }),
    );
    render(<SettingsPage api={api(saveSettings)} />);
    const delay = (await screen.findByLabelText(t['settings.mail.delay'])) as HTMLInputElement;
    expect(delay.value).toBe('');
    const card = screen.getByRole('group', { name: t['settings.mail.title'] });
    expect([card.getAttribute('lang'), card.getAttribute('dir')]).toEqual([locale, isRtl(locale) ? 'rtl' : 'ltr']);
    const transcript = screen.getByLabelText(t['settings.mail.transcriptOnClose']) as HTMLInputElement;
    expect(transcript.checked).toBe(false);

    fireEvent.input(delay, { target: { value: '120' } });
    fireEvent.click(transcript);
    fireEvent.submit(delay.closest('form')!);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0].mail).toEqual({ replyDelaySeconds: 120, transcriptOnClose: true });

    fireEvent.input(delay, { target: { value: '' } });
    fireEvent.submit(delay.closest('form')!);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(2));
    expect(saveSettings.mock.calls[1]![0].mail).toEqual({ replyDelaySeconds: null, transcriptOnClose: true });
  });
});
