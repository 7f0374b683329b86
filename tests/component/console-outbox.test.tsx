import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailApi } from '../../agent-console/api/mail-api';
import { OutboxPage } from '../../agent-console/outbox/OutboxPage';
import type { OutboxMail, OutboxResponse } from '../../shared/contract';
import { isRtl, LOCALES, type LocaleCode } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { type ConsoleKey, translate, type Vars } from '../../shared/i18n/translate';

let languages: readonly string[] = ['en'];
beforeEach(() => {
  languages = ['en'];
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
});
afterEach(cleanup);

const mail = (n: number, patch: Partial<OutboxMail> = {}): OutboxMail => ({
  id: `${String(1_765_000_000_000 + n).padStart(15, '0')}-0000000${n}.eml`,
  subject: `New reply from Demo Shop ${n}`,
  from: 'Lifecycle Chat <chat@localhost>',
  to: `visitor${n}@example.com`,
  date: new Date(Date.UTC(2026, 11, 7, 9, n)).toISOString(),
  text: `Agent answer ${n}`,
  html: `<p>Agent answer ${n}</p>`,
  listUnsubscribe: `<http://127.0.0.1/mail/unsubscribe?t=${n}>`,
  ...patch,
});

/** A fake outbox API: each call takes the next scripted answer (a response, an error, or a promise left pending). */
function fakeApi(...answers: Array<OutboxResponse | Error | Promise<OutboxResponse>>): MailApi & { pages: number[] } {
  const pages: number[] = [];
  return {
    pages,
    outbox: async (page) => {
      pages.push(page);
      const answer = answers.shift() ?? new Error('no more answers');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

async function translator(locale: LocaleCode): Promise<(key: ConsoleKey, vars?: Vars) => string> {
  const catalog = await loadConsoleCatalog(locale);
  return (key, vars) => translate(catalog, key, vars);
}

async function open(locale: LocaleCode, api: MailApi) {
  languages = [locale];
  const t = await translator(locale);
  render(<OutboxPage api={api} />);
  const page = (await screen.findByRole('heading', { name: t('outbox.title') })).closest('section')!;
  return { t, page };
}

describe('the outbox page', () => {
  it.each(LOCALES)('%s: loading, then the mails newest first with their rendered HTML in a sandbox, a page at a time', async (locale) => {
    let answer: (value: OutboxResponse) => void = () => undefined;
    const first = new Promise<OutboxResponse>((resolve) => {
      answer = resolve;
    });
    const second: OutboxResponse = { mails: [mail(1)], total: 21, page: 1, pageSize: 20 };
    const api = fakeApi(first, second);
    const { t, page } = await open(locale, api);
    expect(page.getAttribute('lang')).toBe(locale);
    expect(page.getAttribute('dir')).toBe(isRtl(locale) ? 'rtl' : 'ltr');
    expect(await screen.findByText(t('outbox.loading'))).toBeTruthy();

    answer({ mails: [mail(3), mail(2)], total: 21, page: 0, pageSize: 20 });
    const subjects = await screen.findAllByRole('heading', { level: 2 });
    expect(subjects.map((h) => h.textContent)).toEqual(['New reply from Demo Shop 3', 'New reply from Demo Shop 2']);
    expect(screen.getByText(t('outbox.to', { to: 'visitor3@example.com' }))).toBeTruthy();
    expect(screen.getByText('Agent answer 3')).toBeTruthy();
    const frame = page.querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe('<p>Agent answer 3</p>');
    expect(screen.getByText(t('outbox.page', { page: 1, pages: 2, total: 21 }))).toBeTruthy();

    expect((screen.getByRole('button', { name: t('outbox.newer') }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: t('outbox.older') }));
    expect(await screen.findByText(t('outbox.page', { page: 2, pages: 2, total: 21 }))).toBeTruthy();
    expect(screen.getByText('Agent answer 1')).toBeTruthy();
    expect((screen.getByRole('button', { name: t('outbox.older') }) as HTMLButtonElement).disabled).toBe(true);
    expect(api.pages).toEqual([0, 1]);
  });

  it.each(LOCALES)('%s: says so when there is no mail yet', async (locale) => {
    const { t } = await open(locale, fakeApi({ mails: [], total: 0, page: 0, pageSize: 20 }));
    expect(await screen.findByText(t('outbox.empty'))).toBeTruthy();
    expect(screen.queryByRole('button', { name: t('outbox.older') })).toBeNull();
  });

  it.each(LOCALES)('%s: shows a failure with the reason, and loads again on request', async (locale) => {
    const api = fakeApi(new Error('Only admins can see the outbox.'), { mails: [mail(5)], total: 1, page: 0, pageSize: 20 });
    const { t } = await open(locale, api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(t('outbox.failed', { message: 'Only admins can see the outbox.' }));
    fireEvent.click(screen.getByRole('button', { name: t('outbox.retry') }));
    expect(await screen.findByText('Agent answer 5')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.pages).toEqual([0, 0]);
  });
});
