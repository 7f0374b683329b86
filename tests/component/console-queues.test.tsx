import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpsApi } from '../../agent-console/api/ops-api';
import { QueuesPage } from '../../agent-console/queues/QueuesPage';
import type { QueueSummary, QueuesResponse } from '../../shared/contract';
import { isRtl, LOCALES, type LocaleCode } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { type ConsoleKey, translate, type Vars } from '../../shared/i18n/translate';

let languages: readonly string[] = ['en'];
beforeEach(() => {
  languages = ['en'];
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => languages });
});
afterEach(cleanup);

const counts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
const queue = (name: string, patch: Partial<QueueSummary> = {}): QueueSummary => ({ name, counts, failed: [], truncated: false, ...patch });
const failedMail = queue('mail', {
  counts: { ...counts, completed: 12, failed: 1 },
  failed: [{ id: 'reply:42', failedReason: 'connect ECONNREFUSED 127.0.0.1:25', attemptsMade: 5, failedAt: '2026-12-07T09:30:00.000Z' }],
});

type Answer<T> = T | Error | Promise<T>;
/** A fake ops API: each call takes the next scripted answer (a response, an error, or a promise left pending). */
function fakeApi(lists: Answer<QueuesResponse>[], retries: Answer<void>[] = []): OpsApi & { retried: string[] } {
  const retried: string[] = [];
  const next = async <T,>(answers: Answer<T>[]): Promise<T> => {
    const answer = answers.length > 0 ? answers.shift()! : new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return {
    retried,
    queues: () => next(lists),
    retry: (name, jobId) => {
      retried.push(`${name}/${jobId}`);
      return next(retries);
    },
  };
}

async function open(locale: LocaleCode, api: OpsApi) {
  languages = [locale];
  const catalog = await loadConsoleCatalog(locale);
  const t = (key: ConsoleKey, vars?: Vars) => translate(catalog, key, vars);
  render(<QueuesPage api={api} />);
  const page = (await screen.findByRole('heading', { name: t('queues.title') })).closest('section')!;
  return { t, page };
}

describe('the queues page', () => {
  it.each(LOCALES)('%s: loading, then each queue with its counts, and no failed jobs', async (locale) => {
    let answer: (value: QueuesResponse) => void = () => undefined;
    const pending = new Promise<QueuesResponse>((resolve) => {
      answer = resolve;
    });
    const { t, page } = await open(locale, fakeApi([pending]));
    expect(page.getAttribute('dir')).toBe(isRtl(locale) ? 'rtl' : 'ltr');
    expect(await screen.findByText(t('queues.loading'))).toBeTruthy();

    answer({ queues: [queue('reply-alert', { counts: { ...counts, delayed: 3 } }), queue('mail', { truncated: true })] });
    const rows = await screen.findAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      [t('queues.name'), t('queues.waiting'), t('queues.active'), t('queues.delayed'), t('queues.completed'), t('queues.failedCount')].join(
        '',
      ),
      'reply-alert00300',
      `mail ${t('queues.truncated')}00000`,
    ]);
    expect(screen.getByText(t('queues.empty'))).toBeTruthy();
    expect(screen.queryByRole('button', { name: t('queues.retry') })).toBeNull();
  });

  it('lists the failed jobs with their error, attempts and time, and a retry reloads the counts', async () => {
    const api = fakeApi([{ queues: [failedMail] }, { queues: [queue('mail', { counts: { ...counts, completed: 13 } })] }], [undefined]);
    const { t } = await open('en', api);
    const failed = (await screen.findByRole('heading', { name: t('queues.failedJobs', { queue: 'mail' }) })).closest('section')!;
    expect(within(failed).getByText('connect ECONNREFUSED 127.0.0.1:25')).toBeTruthy();
    expect(failed.textContent).toContain(t('queues.attempts', { attempts: 5 }));
    expect(failed.querySelector('time')?.getAttribute('dateTime')).toBe('2026-12-07T09:30:00.000Z');

    fireEvent.click(within(failed).getByRole('button', { name: t('queues.retryJob', { job: 'reply:42' }) }));
    expect(await screen.findByText(t('queues.empty'))).toBeTruthy();
    expect(api.retried).toEqual(['mail/reply:42']);
    expect(screen.getAllByRole('row')[1]!.textContent).toBe('mail000130');
  });

  it('says why a retry failed and keeps the job', async () => {
    const api = fakeApi([{ queues: [failedMail] }], [new Error('Your site has no such job.')]);
    const { t } = await open('en', api);
    fireEvent.click(await screen.findByRole('button', { name: t('queues.retryJob', { job: 'reply:42' }) }));
    expect((await screen.findByRole('alert')).textContent).toBe(t('queues.retryFailed', { message: 'Your site has no such job.' }));
    expect(screen.getByText('connect ECONNREFUSED 127.0.0.1:25')).toBeTruthy();
    expect((screen.getByRole('button', { name: t('queues.retryJob', { job: 'reply:42' }) }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows a failure to load with the reason, and loads again on request', async () => {
    const api = fakeApi([new Error('Your role does not allow this.'), { queues: [failedMail] }]);
    const { t } = await open('en', api);
    expect((await screen.findByRole('alert')).textContent).toContain(t('queues.failed', { message: 'Your role does not allow this.' }));
    fireEvent.click(screen.getByRole('button', { name: t('queues.reload') }));
    expect(await screen.findByText('connect ECONNREFUSED 127.0.0.1:25')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
