// The console's form for the answer bot (issue 16): whether it answers visitors' questions and how sure
// it must be (shown in percent, saved as the probability 0.50–0.99), in every language.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkplaceApi } from '../../agent-console/api/workplace-api';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import { RestError } from '../../shared/client/rest-client';
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

/** A site that never set its answer bot (an older site): the form shows the defaults, off at 80 %. */
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

function api(saveSettings: WorkplaceApi['saveSettings'], settings = loaded): WorkplaceApi {
  const scripted: Partial<WorkplaceApi> = { settings: async () => settings, saveSettings, canned: async () => [] };
  return new Proxy(scripted as WorkplaceApi, {
    get: (target, key: string) => target[key as keyof WorkplaceApi] ?? (() => Promise.reject(new Error('not scripted'))),
  });
}

/** The server answers what it stored, as the real one does. */
const storing = () =>
  vi.fn(async (update: SiteSettingsUpdate): Promise<SiteSettingsResponse> => ({ ...loaded, settings: { ...loaded.settings, ...update } }));
/** Saves the answer bot's section, the form the field is in. */
const submit = (field: HTMLElement) => fireEvent.submit(field.closest('form')!);

describe('Settings: the answer bot, in every language', () => {
  it.each(LOCALES)('%s: off at 80 % by default; switched on and set to 65 %, it is saved as 0.65', async (locale) => {
    languages = [locale];
    const t = await loadConsoleCatalog(locale);
    const saveSettings = storing();
    render(<SettingsPage api={api(saveSettings)} />);
    const enabled = (await screen.findByLabelText(t['settings.answerBot.enabled'])) as HTMLInputElement;
    const threshold = screen.getByLabelText(t['settings.answerBot.threshold']) as HTMLInputElement;
    expect([enabled.checked, threshold.value]).toEqual([false, '80']);
    expect([threshold.min, threshold.max, threshold.step]).toEqual(['50', '99', '1']);
    expect(threshold.getAttribute('aria-describedby')).toBe('answer-bot-threshold-hint');
    expect(document.getElementById('answer-bot-threshold-hint')?.textContent).toBe(t['settings.answerBot.thresholdHint']);
    const card = screen.getByRole('group', { name: t['settings.answerBot.title'] });
    expect([card.getAttribute('lang'), card.getAttribute('dir')]).toEqual([locale, isRtl(locale) ? 'rtl' : 'ltr']);

    fireEvent.click(enabled);
    fireEvent.input(threshold, { target: { value: '65' } });
    submit(threshold);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0].answerBot).toEqual({ enabled: true, threshold: 0.65 });
    // What the server stored shows again.
    expect(((await screen.findByLabelText(t['settings.answerBot.enabled'])) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText(t['settings.answerBot.threshold']) as HTMLInputElement).value).toBe('65');
  });

  it('shows a site’s own setting and switches it off, keeping its threshold', async () => {
    const saveSettings = storing();
    render(
      <SettingsPage
        api={api(saveSettings, { ...loaded, settings: { ...loaded.settings, answerBot: { enabled: true, threshold: 0.93 } } })}
      />,
    );
    const enabled = (await screen.findByLabelText("Answer visitors' questions with the answer bot")) as HTMLInputElement;
    const threshold = screen.getByLabelText('Answer only when at least this sure') as HTMLInputElement;
    expect([enabled.checked, threshold.value]).toEqual([true, '93']);
    fireEvent.click(enabled);
    submit(threshold);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0].answerBot).toEqual({ enabled: false, threshold: 0.93 });
  });

  it('says what is wrong when the server refuses the threshold, and saves once it is corrected', async () => {
    const saveSettings = vi.fn(async (update: SiteSettingsUpdate): Promise<SiteSettingsResponse> => {
      if ((update.answerBot?.threshold ?? 1) < 0.5)
        throw new RestError('invalid_payload', 'Invalid request. answerBot.threshold: at least 0.5 (50 %)', 400);
      return { ...loaded, settings: { ...loaded.settings, ...update } };
    });
    render(<SettingsPage api={api(saveSettings)} />);
    const threshold = (await screen.findByLabelText('Answer only when at least this sure')) as HTMLInputElement;
    fireEvent.input(threshold, { target: { value: '40' } });
    submit(threshold);
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid request. answerBot.threshold: at least 0.5 (50 %)');
    expect(saveSettings.mock.calls[0]![0].answerBot).toEqual({ enabled: false, threshold: 0.4 });

    fireEvent.input(threshold, { target: { value: '99' } });
    submit(threshold);
    expect((await screen.findByRole('status')).textContent).toContain('Saved.');
    expect(saveSettings.mock.calls[1]![0].answerBot).toEqual({ enabled: false, threshold: 0.99 });
  });
});
