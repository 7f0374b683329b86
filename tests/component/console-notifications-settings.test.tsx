import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import { isRtl, LOCALES } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { convId, jsonResponse, openConversationHandler, renderSignedIn, summary } from './console-harness';
import { storingWorkplaceApi, useNavigatorLanguages, withSettings } from './settings-fixture';

vi.setConfig({ testTimeout: 20_000 });

const setLanguages = useNavigatorLanguages();
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Settings: when an offline agent hears of an unanswered conversation, in every language', () => {
  it.each(LOCALES)('%s: shows the minutes, sends a new value, and empty as never', async (locale) => {
    setLanguages([locale]);
    const label = (await loadConsoleCatalog(locale))['settings.unansweredEmail'];
    const { api, saveSettings } = storingWorkplaceApi(withSettings({ unansweredEmailMinutes: 15 }));
    render(<SettingsPage api={api} />);
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
