import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvitePage } from '../../agent-console/account/InvitePage';
import { RestError } from '../../shared/client/rest-client';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import { TeamPage } from '../../agent-console/team/TeamPage';
import type { WorkplaceApi } from '../../agent-console/api/workplace-api';
import type { SiteSettingsResponse, SiteSettingsUpdate, TeamMember } from '../../shared/contract';
import { LifecycleSettings } from '../../shared/lifecycle';
import { agent } from './console-harness';

afterEach(cleanup);

const member = (patch: Partial<TeamMember>): TeamMember => ({
  id: 'u9',
  siteId: 's1',
  email: 'x@example.com',
  name: 'X',
  role: 'agent',
  status: 'active',
  availability: 'online',
  capacity: 5,
  inviteExpiresAt: null,
  createdAt: new Date().toISOString(),
  ...patch,
});

/** A WorkplaceApi whose every call fails unless the test gives it. */
function fakeApi(patch: Partial<WorkplaceApi>): WorkplaceApi {
  const missing = () => Promise.reject(new Error('not scripted'));
  return new Proxy(patch as WorkplaceApi, { get: (target, key: string) => target[key as keyof WorkplaceApi] ?? vi.fn(missing) });
}

describe('Team page', () => {
  it('invites someone without a password and shows the one-time link', async () => {
    const createUser = vi.fn(async () => ({
      user: member({ id: 'u7', email: 'new@example.com', name: 'Nina New', status: 'invited' }),
      invite: {
        url: 'http://console.test/console/#invite=tok123tok123tok123tok123',
        token: 'tok123tok123tok123tok123',
        expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
    }));
    const api = fakeApi({ team: async () => [member({ id: agent.id, name: agent.name, role: 'admin' })], createUser });
    render(<TeamPage api={api} userId={agent.id} presence={[]} />);
    await screen.findByText('(you)');
    const form = screen.getByRole('form', { name: 'Add someone' });
    fireEvent.input(within(form).getByLabelText('Name'), { target: { value: 'Nina New' } });
    fireEvent.input(within(form).getByLabelText('Email'), { target: { value: 'new@example.com' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Invite' }));
    await waitFor(() =>
      expect(createUser).toHaveBeenCalledWith({ name: 'Nina New', email: 'new@example.com', role: 'agent', password: undefined }),
    );
    expect(((await screen.findByLabelText('Invite link')) as HTMLInputElement).value).toBe(
      'http://console.test/console/#invite=tok123tok123tok123tok123',
    );
    expect(screen.getByText('Invited')).toBeTruthy();
    // One cannot deactivate or demote oneself.
    expect(screen.getAllByRole('button', { name: 'Deactivate' })).toHaveLength(1);
    expect((screen.getByLabelText(`Role of ${agent.name}`) as HTMLSelectElement).disabled).toBe(true);
  });
});

describe('Invite page', () => {
  it('greets the invited person, checks the repeat, and signs them in', async () => {
    const acceptInvite = vi.fn(async () => agent);
    const onAccepted = vi.fn();
    render(
      <InvitePage
        api={{ peekInvite: async () => ({ email: 'ada@example.com', name: 'Ada' }), acceptInvite }}
        token="tok"
        onAccepted={onAccepted}
        onCancel={() => {}}
      />,
    );
    await screen.findByRole('heading', { name: 'Welcome, Ada' });
    fireEvent.input(screen.getByLabelText(/New password/), { target: { value: 'long-enough-pw' } });
    fireEvent.input(screen.getByLabelText('Repeat the password'), { target: { value: 'long-enough-px' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The two passwords differ.');
    fireEvent.input(screen.getByLabelText('Repeat the password'), { target: { value: 'long-enough-pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    await waitFor(() => expect(onAccepted).toHaveBeenCalledWith(agent));
    expect(acceptInvite).toHaveBeenCalledWith('tok', 'long-enough-pw');
  });

  it('says when the link no longer works', async () => {
    const expired = new RestError('not_found', 'This invite link is no longer valid. Ask an admin for a new one.', 404);
    render(
      <InvitePage
        api={{ peekInvite: () => Promise.reject(expired), acceptInvite: vi.fn() }}
        token="tok"
        onAccepted={() => {}}
        onCancel={() => {}}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('no longer valid');
    expect(screen.queryByLabelText(/New password/)).toBeNull();
  });
});

describe('Settings page', () => {
  const loaded: SiteSettingsResponse = {
    settings: {
      name: 'Demo Shop',
      greeting: 'Hi!',
      allowedOrigins: [],
      locales: ['en', 'cs'],
      locale: null,
      businessHours: null,
      lifecycle: { checkoutIdleSeconds: 60 },
      proactiveMessages: {},
      autoAwayMinutes: 10,
      retention: { conversationDays: null, visitorDays: 365, analyticsDailyDays: 400 },
      resumePageUrl: null,
    },
    effectiveLifecycle: LifecycleSettings.parse({ checkoutIdleSeconds: 60 }),
    publicKey: 'pk_demo',
    snippet: '<script src="http://x/widget.js" data-site="pk_demo" async></script>',
    secret: 'very-secret-value',
  };

  it('sends only the thresholds the admin set, origins one per line, and keeps the secret hidden until asked', async () => {
    const saveSettings = vi.fn(async (_update: SiteSettingsUpdate) => loaded);
    render(<SettingsPage api={fakeApi({ settings: async () => loaded, saveSettings, canned: async () => [] })} />);
    await screen.findByRole('heading', { name: 'Settings' });
    expect(screen.queryByText('very-secret-value')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByText('very-secret-value')).toBeTruthy();
    expect((screen.getByLabelText('Widget snippet') as HTMLTextAreaElement).value).toBe(loaded.snippet);

    const sla = screen.getByLabelText(/Re-route an escalation/);
    fireEvent.input(sla, { target: { value: '20' } });
    fireEvent.input(screen.getByLabelText(/Idle at checkout/), { target: { value: '' } });
    fireEvent.submit(sla.closest('form')!);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0]).toEqual({
      lifecycle: { escalationSlaSeconds: 20 },
      autoAwayMinutes: 10,
      unansweredEmailMinutes: loaded.settings.unansweredEmailMinutes,
    });

    const origins = screen.getByLabelText(/Allowed origins/);
    fireEvent.input(origins, { target: { value: 'https://shop.example\nhttps://www.shop.example' } });
    fireEvent.submit(origins.closest('form')!);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(2));
    expect(saveSettings.mock.calls[1]![0]).toMatchObject({ allowedOrigins: ['https://shop.example', 'https://www.shop.example'] });

    const czech = screen.getByLabelText('Proactive message in Čeština (empty: the built-in text)');
    fireEvent.input(czech, { target: { value: 'Potřebujete pomoc?' } });
    fireEvent.submit(czech.closest('form')!);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(3));
    expect(saveSettings.mock.calls[2]![0]).toMatchObject({ proactiveMessages: { cs: 'Potřebujete pomoc?' } });
    expect(await screen.findAllByText(/Saved\./)).toHaveLength(3);
  });

  it("sets the shop's page that links in reply emails open; empty goes back to the server's conversation page", async () => {
    const saveSettings = vi.fn(async (_update: SiteSettingsUpdate) => loaded);
    render(<SettingsPage api={fakeApi({ settings: async () => loaded, saveSettings, canned: async () => [] })} />);
    const field = (await screen.findByLabelText(/Page that links in reply emails open/)) as HTMLInputElement;
    expect(field.value).toBe('');
    expect(field.type).toBe('url');
    fireEvent.input(field, { target: { value: ' https://shop.example/support ' } });
    fireEvent.submit(field.closest('form')!);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0].resumePageUrl).toBe('https://shop.example/support');
    fireEvent.input(field, { target: { value: '' } });
    fireEvent.submit(field.closest('form')!);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(2));
    expect(saveSettings.mock.calls[1]![0].resumePageUrl).toBeNull();
  });

  it('sets how long data is kept: empty keeps, a number of days deletes after it, and a refusal is shown as sent', async () => {
    const refusal = new RestError(
      'invalid_payload',
      'Invalid request. retention.analyticsDailyDays: at least 62 days, so daily charts stay daily',
      400,
    );
    const saveSettings = vi.fn(async (_update: SiteSettingsUpdate) => loaded).mockRejectedValueOnce(refusal);
    render(<SettingsPage api={fakeApi({ settings: async () => loaded, saveSettings, canned: async () => [] })} />);
    const conversations = (await screen.findByLabelText(/Delete closed conversations/)) as HTMLInputElement;
    const visitors = screen.getByLabelText(/Delete visitors not seen/) as HTMLInputElement;
    const analytics = screen.getByLabelText(/Keep analytics day by day/) as HTMLInputElement;
    expect([conversations.value, visitors.value, analytics.value]).toEqual(['', '365', '400']);

    fireEvent.input(conversations, { target: { value: '90' } });
    fireEvent.input(visitors, { target: { value: '' } });
    fireEvent.input(analytics, { target: { value: '30' } });
    fireEvent.submit(analytics.closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toContain('retention.analyticsDailyDays: at least 62 days');
    expect(saveSettings.mock.calls[0]![0].retention).toEqual({
      conversationDays: 90,
      visitorDays: null,
      analyticsDailyDays: 30,
      auditDays: 365,
    });

    fireEvent.input(analytics, { target: { value: '730' } });
    fireEvent.submit(analytics.closest('form')!);
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(2));
    expect(saveSettings.mock.calls[1]![0].retention).toEqual({
      conversationDays: 90,
      visitorDays: null,
      analyticsDailyDays: 730,
      auditDays: 365,
    });
  });
});
