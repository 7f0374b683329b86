// The console's form for the answer bot (issue 16): whether it answers visitors' questions and how sure
// it must be (shown in percent, saved as the probability 0.50–0.99), in every language.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import { RestError } from '../../shared/client/rest-client';
import { isRtl, LOCALES } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { storingWorkplaceApi, useNavigatorLanguages, withSettings } from './settings-fixture';

vi.setConfig({ testTimeout: 20_000 });

const setLanguages = useNavigatorLanguages();
afterEach(cleanup);

/** Saves the answer bot's section, the form the field is in. */
const submit = (field: HTMLElement) => fireEvent.submit(field.closest('form')!);

describe('Settings: the answer bot, in every language', () => {
  it.each(LOCALES)('%s: off at 80 % by default; switched on and set to 65 %, it is saved as 0.65', async (locale) => {
    setLanguages([locale]);
    const t = await loadConsoleCatalog(locale);
    // A site that never set its answer bot (an older site): the form shows the defaults, off at 80 %.
    const { api, saveSettings } = storingWorkplaceApi();
    render(<SettingsPage api={api} />);
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
    const { api, saveSettings } = storingWorkplaceApi(withSettings({ answerBot: { enabled: true, threshold: 0.93 } }));
    render(<SettingsPage api={api} />);
    const enabled = (await screen.findByLabelText("Answer visitors' questions with the answer bot")) as HTMLInputElement;
    const threshold = screen.getByLabelText('Answer only when at least this sure') as HTMLInputElement;
    expect([enabled.checked, threshold.value]).toEqual([true, '93']);
    fireEvent.click(enabled);
    submit(threshold);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0].answerBot).toEqual({ enabled: false, threshold: 0.93 });
  });

  it('says what is wrong when the server refuses the threshold, and saves once it is corrected', async () => {
    const { api, saveSettings } = storingWorkplaceApi(undefined, (update) =>
      (update.answerBot?.threshold ?? 1) < 0.5
        ? new RestError('invalid_payload', 'Invalid request. answerBot.threshold: at least 0.5 (50 %)', 400)
        : null,
    );
    render(<SettingsPage api={api} />);
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
