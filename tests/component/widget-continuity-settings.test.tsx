// The console's form for the widget's continuity settings (issue 15): when the widget asks a waiting
// visitor for an email address, and when a quiet conversation closes — in every language.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import { DEFAULT_CONTINUITY } from '../../shared/contract';
import { isRtl, LOCALES } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { storingWorkplaceApi, useNavigatorLanguages } from './settings-fixture';

vi.setConfig({ testTimeout: 20_000 });

const setLanguages = useNavigatorLanguages();
afterEach(cleanup);

describe('Settings: keeping the visitor, in every language', () => {
  it.each(LOCALES)('%s: the email-step minutes and the auto-close hours, defaults shown, are sent as set', async (locale) => {
    setLanguages([locale]);
    const t = await loadConsoleCatalog(locale);
    // A site that never set its continuity settings: the form shows the defaults.
    const { api, saveSettings } = storingWorkplaceApi();
    render(<SettingsPage api={api} />);
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
