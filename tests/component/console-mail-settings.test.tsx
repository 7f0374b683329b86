import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import { isRtl, LOCALES } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { storingWorkplaceApi, useNavigatorLanguages, withSettings } from './settings-fixture';

vi.setConfig({ testTimeout: 20_000 });

const setLanguages = useNavigatorLanguages();
afterEach(cleanup);

const loaded = withSettings({ mail: { replyDelaySeconds: null, transcriptOnClose: false } });

describe('Settings: replies by email, in every language', () => {
  it.each(LOCALES)('%s: the delay (empty: the server default) and the transcript on close are sent as set', async (locale) => {
    setLanguages([locale]);
    const t = await loadConsoleCatalog(locale);
    const { api, saveSettings } = storingWorkplaceApi(loaded);
    render(<SettingsPage api={api} />);
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
