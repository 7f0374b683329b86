import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditApi, type AuditFilters, createAuditApi } from '../../agent-console/api/audit-api';
import { AuditLogPage } from '../../agent-console/audit/AuditLogPage';
import type { AuditEntry, AuditPageResponse } from '../../shared/contract';
import { isRtl, LOCALES, type LocaleCode } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { type ConsoleKey, translate, type Vars } from '../../shared/i18n/translate';

let languages: readonly string[] = ['en'];
beforeEach(() => {
  languages = ['en'];
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
});
afterEach(cleanup);

const entry = (n: number, patch: Partial<AuditEntry> = {}): AuditEntry => ({
  id: n.toString(16).padStart(24, '0'),
  at: new Date(Date.UTC(2026, 11, 7, 9, n)).toISOString(),
  action: 'settings.changed',
  actor: { kind: 'user', id: 'u1', email: 'admin@example.com', name: 'Ada Admin' },
  target: { kind: 'site', id: 's1', label: null },
  details: { fields: `greeting, retention.auditDays ${n}` },
  ip: '203.0.113.7',
  ...patch,
});

/** A fake audit API: each page call takes the next scripted answer (a page, an error, or a pending promise). */
function fakeApi(...answers: Array<AuditPageResponse | Error | Promise<AuditPageResponse>>) {
  const calls: Array<{ filters: AuditFilters; before: string | null }> = [];
  const api: AuditApi = {
    page: async (filters, before) => {
      calls.push({ filters, before });
      const answer = answers.shift() ?? new Error('no more answers');
      if (answer instanceof Error) throw answer;
      return answer;
    },
    csvUrl: createAuditApi().csvUrl,
  };
  return { api, calls };
}

async function open(locale: LocaleCode, api: AuditApi) {
  languages = [locale];
  const catalog = await loadConsoleCatalog(locale);
  const t = (key: ConsoleKey, vars?: Vars) => translate(catalog, key, vars);
  render(<AuditLogPage api={api} />);
  const page = (await screen.findByRole('heading', { name: t('audit.title') })).closest('section')!;
  return { t, page };
}

describe('the audit log page', () => {
  it.each(LOCALES)('%s: loading, then the entries newest first, then older ones on request', async (locale) => {
    let answer: (value: AuditPageResponse) => void = () => undefined;
    const first = new Promise<AuditPageResponse>((resolve) => {
      answer = resolve;
    });
    const { api, calls } = fakeApi(first, { entries: [entry(1, { action: 'auth.signedIn', details: {} })], next: null });
    const { t, page } = await open(locale, api);
    expect(page.getAttribute('lang')).toBe(locale);
    expect(page.getAttribute('dir')).toBe(isRtl(locale) ? 'rtl' : 'ltr');
    expect(await screen.findByText(t('audit.loading'))).toBeTruthy();

    answer({ entries: [entry(3), entry(2)], next: '2026-12-07.000000000000000000000002' });
    const rows = await screen.findAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]!).getByText('Ada Admin <admin@example.com>')).toBeTruthy();
    expect(within(rows[1]!).getByText('fields: greeting, retention.auditDays 3')).toBeTruthy();
    expect(within(rows[1]!).getByText('203.0.113.7')).toBeTruthy();
    expect(within(rows[1]!).getByText('site s1')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: t('audit.more') }));
    expect((await screen.findByText('auth.signedIn', { selector: 'td' })).closest('tr')).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: t('audit.more') })).toBeNull();
    expect(calls.map((c) => c.before)).toEqual([null, '2026-12-07.000000000000000000000002']);
  });

  it.each(LOCALES)('%s: says so when nothing matches', async (locale) => {
    const { t } = await open(locale, fakeApi({ entries: [], next: null }).api);
    expect(await screen.findByText(t('audit.empty'))).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it.each(LOCALES)('%s: shows a failure with the reason, and loads again on request', async (locale) => {
    const { api, calls } = fakeApi(new Error('Your role does not allow this.'), { entries: [entry(5)], next: null });
    const { t } = await open(locale, api);
    expect((await screen.findByRole('alert')).textContent).toContain(t('audit.failed', { message: 'Your role does not allow this.' }));
    fireEvent.click(screen.getByRole('button', { name: t('audit.retry') }));
    expect(await screen.findByText('fields: greeting, retention.auditDays 5')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('filters by action, actor and days, and the CSV link carries the same filters', async () => {
    const { api, calls } = fakeApi(
      { entries: [entry(1)], next: null },
      { entries: [entry(2, { action: 'team.roleChanged' })], next: null },
    );
    const { t } = await open('en', api);
    await screen.findByText('fields: greeting, retention.auditDays 1');
    const csv = screen.getByRole('link', { name: t('audit.export') });
    expect(csv.getAttribute('href')).toBe('/api/audit/export.csv');

    fireEvent.change(screen.getByLabelText(t('audit.action')), { target: { value: 'team.roleChanged' } });
    fireEvent.input(screen.getByLabelText(t('audit.actor')), { target: { value: ' Admin@Example.com ' } });
    fireEvent.input(screen.getByLabelText(t('audit.from')), { target: { value: '2026-12-01' } });
    fireEvent.input(screen.getByLabelText(t('audit.to')), { target: { value: '2026-12-07' } });
    fireEvent.click(screen.getByRole('button', { name: t('audit.apply') }));

    expect(await screen.findByText('team.roleChanged', { selector: 'td' })).toBeTruthy();
    const filters = { action: 'team.roleChanged', actor: 'Admin@Example.com', from: '2026-12-01', to: '2026-12-07' };
    expect(calls).toEqual([
      { filters: {}, before: null },
      { filters, before: null },
    ]);
    expect(csv.getAttribute('href')).toBe(
      '/api/audit/export.csv?action=team.roleChanged&actor=Admin%40Example.com&from=2026-12-01&to=2026-12-07',
    );
  });
});
