// The Privacy section of Settings (issue 18): how long the site keeps conversations, visitors,
// analytics and its audit trail, saved on its own.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import { RestError } from '../../shared/client/rest-client';
import { storingWorkplaceApi, useNavigatorLanguages, withSettings } from './settings-fixture';

afterEach(cleanup);
const setLanguages = useNavigatorLanguages();

const privacy = () => screen.getByRole('form', { name: 'Privacy' });

describe('the Privacy section', () => {
  it('shows the retention settings and the audit trail’s own, 365 days when the site never set it', async () => {
    const { api } = storingWorkplaceApi(withSettings({ retention: { conversationDays: 90, visitorDays: null, analyticsDailyDays: 400 } }));
    render(<SettingsPage api={api} />);
    await screen.findByRole('heading', { name: 'Settings' });
    const section = within(privacy());
    expect((section.getByLabelText(/Delete closed conversations/) as HTMLInputElement).value).toBe('90');
    expect((section.getByLabelText(/Delete visitors not seen/) as HTMLInputElement).value).toBe('');
    expect((section.getByLabelText(/Keep analytics day by day/) as HTMLInputElement).value).toBe('400');
    expect((section.getByLabelText(/Keep the audit log for/) as HTMLInputElement).value).toBe('365');
    expect(screen.getByRole('link', { name: 'Privacy' }).getAttribute('href')).toBe('#settings-privacy');
  });

  it('saves the audit days with the retention settings, and shows a refusal in the section', async () => {
    const { api, saveSettings } = storingWorkplaceApi(undefined, (update) =>
      (update.retention?.auditDays ?? 365) < 30
        ? new RestError('invalid_payload', 'Invalid request. retention.auditDays: at least 30 days', 400)
        : null,
    );
    render(<SettingsPage api={api} />);
    const audit = (await screen.findByLabelText(/Keep the audit log for/)) as HTMLInputElement;
    fireEvent.input(audit, { target: { value: '10' } });
    fireEvent.submit(privacy());
    expect((await within(privacy()).findByRole('alert')).textContent).toContain('retention.auditDays: at least 30 days');

    fireEvent.input(audit, { target: { value: '730' } });
    fireEvent.click(within(privacy()).getByRole('button', { name: 'Save' }));
    expect((await within(privacy()).findByRole('status')).textContent).toContain('Saved.');
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(2));
    expect(saveSettings.mock.calls[1]![0]).toEqual({
      retention: { conversationDays: null, visitorDays: null, analyticsDailyDays: 400, auditDays: 730 },
      privacy: { consentRequired: false, policyUrl: null },
    });
    expect(audit.value).toBe('730');
  });

  it('turns consent mode on with the shop’s privacy page', async () => {
    const { api, saveSettings } = storingWorkplaceApi();
    render(<SettingsPage api={api} />);
    await screen.findByLabelText(/Keep the audit log for/);
    fireEvent.click(within(privacy()).getByRole('checkbox', { name: /consent/ }));
    fireEvent.input(within(privacy()).getByLabelText(/Privacy policy page/), { target: { value: ' https://shop.example/privacy ' } });
    fireEvent.click(within(privacy()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0]).toMatchObject({ privacy: { consentRequired: true, policyUrl: 'https://shop.example/privacy' } });
  });

  it('speaks the console’s language for its title and the audit field', async () => {
    setLanguages(['pl']);
    const { api } = storingWorkplaceApi();
    render(<SettingsPage api={api} />);
    expect(await screen.findByRole('form', { name: 'Prywatność' })).toBeTruthy();
    expect(screen.getByLabelText(/Przechowuj dziennik audytu/)).toBeTruthy();
  });
});
