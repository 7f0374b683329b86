// Settings is split into sections (issue 17): each is a form with its own Save, outcome and
// unsaved-changes mark, and saving one never sends or resets another's unsaved edits.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import { RestError } from '../../shared/client/rest-client';
import { storingWorkplaceApi, withSettings } from './settings-fixture';

afterEach(cleanup);

const loaded = withSettings({ allowedOrigins: ['https://shop.example'] });

const section = (name: string) => screen.getByRole('form', { name });
const saveButton = (name: string) => within(section(name)).getByRole('button', { name: 'Save' }) as HTMLButtonElement;

describe('Settings in sections', () => {
  it('lists its sections beside them, each a form with its own Save', async () => {
    const { api } = storingWorkplaceApi(loaded);
    render(<SettingsPage api={api} />);
    await screen.findByRole('heading', { name: 'Settings' });
    const nav = screen.getByRole('navigation', { name: 'Settings sections' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual([
      'Widget',
      'Branding',
      'Languages',
      'Business hours',
      'Escalation',
      'Keeping the visitor',
      'Answer bot',
      'Files in conversations',
      'Privacy',
      'Data requests',
      'Install the widget',
      'Site secret',
      'Canned responses',
    ]);
    for (const link of links) expect(document.getElementById(link.getAttribute('href')!.slice(1))).toBeTruthy();
    const forms = screen.getAllByRole('form');
    expect(forms).toHaveLength(9);
    for (const form of forms) expect(within(form).getAllByRole('button', { name: 'Save' })).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Save settings' })).toBeNull();
  });

  it('saving one section sends only its settings and keeps another section’s unsaved edit', async () => {
    const { api, saveSettings } = storingWorkplaceApi(loaded);
    render(<SettingsPage api={api} />);
    const greeting = (await screen.findByLabelText('Greeting')) as HTMLInputElement;
    const daily = screen.getByLabelText(/Keep analytics day by day/) as HTMLInputElement;
    expect([saveButton('Widget').disabled, saveButton('Privacy').disabled]).toEqual([true, true]);

    fireEvent.input(greeting, { target: { value: 'Hello there!' } });
    fireEvent.input(daily, { target: { value: '500' } });
    expect(within(section('Widget')).getByText('Unsaved changes')).toBeTruthy();
    expect(within(section('Privacy')).getByText('Unsaved changes')).toBeTruthy();
    expect(saveButton('Privacy').disabled).toBe(false);

    fireEvent.click(saveButton('Privacy'));
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0]).toEqual({
      retention: { conversationDays: null, visitorDays: null, analyticsDailyDays: 500, auditDays: 365 },
      privacy: { consentRequired: false, policyUrl: null },
    });
    expect((await within(section('Privacy')).findByRole('status')).textContent).toContain('Saved.');
    expect(saveButton('Privacy').disabled).toBe(true);

    // The widget's edit is still there, still unsaved, and its section says nothing of the other's save.
    expect(greeting.value).toBe('Hello there!');
    expect(within(section('Widget')).getByText('Unsaved changes')).toBeTruthy();
    expect(within(section('Widget')).queryByRole('status')).toBeNull();

    fireEvent.click(saveButton('Widget'));
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(2));
    expect(saveSettings.mock.calls[1]![0]).toEqual({
      name: 'Demo Shop',
      greeting: 'Hello there!',
      allowedOrigins: ['https://shop.example'],
      resumePageUrl: null,
    });
    // The retention saved first stays as saved.
    expect(daily.value).toBe('500');
    expect(saveButton('Privacy').disabled).toBe(true);
  });

  it('an edit put back as it was is no longer unsaved', async () => {
    const { api } = storingWorkplaceApi(loaded);
    render(<SettingsPage api={api} />);
    const away = (await screen.findByLabelText(/Set agents away after/)) as HTMLInputElement;
    fireEvent.input(away, { target: { value: '30' } });
    expect(saveButton('Escalation').disabled).toBe(false);
    fireEvent.input(away, { target: { value: '10' } });
    expect(saveButton('Escalation').disabled).toBe(true);
    expect(within(section('Escalation')).queryByText('Unsaved changes')).toBeNull();
  });

  it('a refusal shows in its own section only and keeps the edits there and elsewhere', async () => {
    const { api, saveSettings } = storingWorkplaceApi(loaded, (update) =>
      update.retention && update.retention.analyticsDailyDays < 62
        ? new RestError('invalid_payload', 'Invalid request. retention.analyticsDailyDays: at least 62 days', 400)
        : null,
    );
    render(<SettingsPage api={api} />);
    const daily = (await screen.findByLabelText(/Keep analytics day by day/)) as HTMLInputElement;
    const shopName = screen.getByLabelText('Shop name') as HTMLInputElement;
    fireEvent.input(shopName, { target: { value: 'Kettle Corner' } });
    fireEvent.input(daily, { target: { value: '30' } });
    // Sent past the field's own limit (as an older page would), so that the server's refusal shows.
    fireEvent.submit(section('Privacy'));
    expect((await within(section('Privacy')).findByRole('alert')).textContent).toContain('at least 62 days');
    expect(within(section('Widget')).queryByRole('alert')).toBeNull();
    expect([daily.value, shopName.value]).toEqual(['30', 'Kettle Corner']);

    fireEvent.input(daily, { target: { value: '90' } });
    expect(within(section('Privacy')).queryByRole('alert')).toBeNull();
    fireEvent.click(saveButton('Privacy'));
    expect((await within(section('Privacy')).findByRole('status')).textContent).toContain('Saved.');
    expect(saveSettings.mock.calls.map((call) => Object.keys(call[0]))).toEqual([
      ['retention', 'privacy'],
      ['retention', 'privacy'],
    ]);
    expect(shopName.value).toBe('Kettle Corner');
  });
});
