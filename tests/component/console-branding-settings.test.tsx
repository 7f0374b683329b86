// Settings › Branding (issue 17): colour, logo and corner in a section of their own, the colour
// checked for white text on it and the readable shade the widget will use shown, in every language.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import { DEFAULT_BRANDING } from '../../shared/contract';
import { isRtl, LOCALES } from '../../shared/i18n';
import { consoleBrandingCatalogs } from '../../shared/i18n/catalogs/console-branding';
import { readableAccent } from '../../shared/sites/accent-contrast';
import { storingWorkplaceApi, useNavigatorLanguages, withSettings } from './settings-fixture';

vi.setConfig({ testTimeout: 20_000 });

const setLanguages = useNavigatorLanguages();
afterEach(cleanup);

const brandingForm = async (title = 'Branding') => screen.findByRole('form', { name: title });
const colourInput = (form: HTMLElement) => form.querySelector<HTMLInputElement>('input[type="color"]')!;
const previewColours = (form: HTMLElement) =>
  [...form.querySelectorAll<HTMLElement>('.branding-preview__header, .branding-preview__launcher')].map((el) => el.style.background);
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

describe('Settings: widget branding', () => {
  it('a readable colour is used as chosen; one too light for white text shows the shade the widget will use', async () => {
    const { api } = storingWorkplaceApi();
    render(<SettingsPage api={api} />);
    const form = await brandingForm();
    expect(colourInput(form).value).toBe(DEFAULT_BRANDING.color);
    expect(within(form).getByText(/^White text on this colour: 6\.\d+:1 \(readable/)).toBeTruthy();
    expect(previewColours(form)).toEqual([rgb('#4f46e5'), rgb('#4f46e5')]);

    fireEvent.input(colourInput(form), { target: { value: '#ffcc00' } });
    const used = readableAccent('#ffcc00');
    expect(used).not.toBe('#ffcc00');
    const warning = within(form).getByText(/hard to read/);
    expect(warning.textContent).toMatch(
      new RegExp(`^White text on this colour is hard to read \\(1\\.\\d+:1; .*The widget uses ${used} instead \\(4\\.\\d+:1\\)\\.$`),
    );
    // The preview shows what visitors will see: the adjusted shade.
    expect(previewColours(form)).toEqual([rgb(used), rgb(used)]);
  });

  it('saves its own settings only: colour as chosen, an https logo and the corner; the preview follows the corner', async () => {
    const { api, saveSettings } = storingWorkplaceApi(withSettings({ greeting: 'Hello from Demo Shop!' }));
    render(<SettingsPage api={api} />);
    const form = await brandingForm();
    expect(within(form).getByText('Hello from Demo Shop!')).toBeTruthy();
    fireEvent.input(colourInput(form), { target: { value: '#0f766e' } });
    const logo = within(form).getByLabelText(/Logo or avatar/) as HTMLInputElement;
    expect([logo.type, logo.pattern]).toEqual(['url', 'https://.+']);
    fireEvent.input(logo, { target: { value: ' https://shop.example/logo.png ' } });
    fireEvent.click(within(form).getByLabelText('Bottom left'));
    expect(form.querySelector('.branding-preview__page--left img')?.getAttribute('src')).toBe('https://shop.example/logo.png');

    fireEvent.submit(form);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0]).toEqual({
      branding: { color: '#0f766e', logoUrl: 'https://shop.example/logo.png', position: 'left' },
    });
    expect((await within(form).findByRole('status')).textContent).toContain('Saved.');
    expect((within(form).getByLabelText('Bottom left') as HTMLInputElement).checked).toBe(true);
  });

  it.each(LOCALES)('%s: the section speaks the console language', async (locale) => {
    setLanguages([locale]);
    const t = consoleBrandingCatalogs[locale];
    const { api } = storingWorkplaceApi(withSettings({ branding: { color: '#ffffff', logoUrl: null, position: 'right' } }));
    render(<SettingsPage api={api} />);
    const form = await brandingForm(t.title);
    const group = form.querySelector('fieldset')!;
    expect([group.getAttribute('lang'), group.getAttribute('dir')]).toEqual([locale, isRtl(locale) ? 'rtl' : 'ltr']);
    expect(within(form).getByLabelText(t.left)).toBeTruthy();
    expect(within(form).getByText(/#767676/).textContent).toContain(t.contrastFixed.split('{')[0]!.trim());
    expect(within(screen.getByRole('navigation', { name: 'Settings sections' })).getByRole('link', { name: t.title })).toBeTruthy();
  });
});
