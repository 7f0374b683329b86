import { useEffect, useState } from 'preact/hooks';
import { QUEUE_STATES, type FailedJob, type QueueSummary } from '../../shared/contract/ops';
import type { ConsoleKey, Vars } from '../../shared/i18n/translate';
import type { OpsApi } from '../api/ops-api';
import { createConsoleI18n } from '../lib/i18n';
import { createQueues, jobKey } from '../state/queues';
import { useStore } from '../state/use-store';

type T = (key: ConsoleKey, vars?: Vars) => string;

const STATE_LABELS = {
  waiting: 'queues.waiting',
  active: 'queues.active',
  delayed: 'queues.delayed',
  completed: 'queues.completed',
  failed: 'queues.failedCount',
} as const satisfies Record<(typeof QUEUE_STATES)[number], ConsoleKey>;

interface FailedListProps {
  queue: QueueSummary;
  retrying: readonly string[];
  onRetry: (queue: string, jobId: string) => void;
  t: T;
  locale: string;
}

function FailedJobs({ queue, retrying, onRetry, t, locale }: FailedListProps) {
  const when = (job: FailedJob) =>
    job.failedAt && new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(job.failedAt));
  return (
    <section class="card queues__failed" aria-labelledby={`failed-${queue.name}`}>
      <h2 id={`failed-${queue.name}`} class="card__title">
        {t('queues.failedJobs', { queue: queue.name })}
      </h2>
      <ul class="queues__jobs">
        {queue.failed.map((job) => {
          const busy = retrying.includes(jobKey(queue.name, job.id));
          return (
            <li key={job.id} class="queues__job">
              <p>
                <code dir="ltr">{job.id}</code> · {t('queues.attempts', { attempts: job.attemptsMade })}
                {job.failedAt && (
                  <>
                    {' · '}
                    <time dateTime={job.failedAt}>{when(job)}</time>
                  </>
                )}
              </p>
              <pre class="queues__error" dir="ltr">
                {job.failedReason || t('queues.noReason')}
              </pre>
              <button
                type="button"
                class="button button--small"
                disabled={busy}
                aria-label={t('queues.retryJob', { job: job.id })}
                onClick={() => onRetry(queue.name, job.id)}
              >
                {busy ? t('queues.retrying') : t('queues.retry')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Admins: the site's jobs in each background queue, the failed ones with their error, and a retry for each. */
export function QueuesPage({ api }: { api: OpsApi }) {
  const [i18n] = useState(createConsoleI18n);
  const { t, locale, dir } = useStore(i18n);
  const [queues] = useState(() => createQueues(api));
  const { state, retrying, retryError } = useStore(queues.store);
  useEffect(() => void queues.load(), [queues]);
  const failing = state.phase === 'ready' ? state.queues.filter((q) => q.failed.length > 0) : [];

  return (
    <section class="page" aria-labelledby="queues-title" lang={locale} dir={dir}>
      <h1 id="queues-title" class="page__title">
        {t('queues.title')}
      </h1>
      <p class="muted">{t('queues.intro')}</p>
      {state.phase === 'loading' && (
        <p role="status" aria-busy="true">
          {t('queues.loading')}
        </p>
      )}
      {state.phase === 'failed' && (
        <div role="alert" class="form-error">
          <p>{t('queues.failed', { message: state.message })}</p>
          <button type="button" class="button button--small" onClick={() => void queues.load()}>
            {t('queues.reload')}
          </button>
        </div>
      )}
      {retryError && (
        <p role="alert" class="form-error">
          {t('queues.retryFailed', { message: retryError })}
        </p>
      )}
      {state.phase === 'ready' && (
        <>
          <div class="table-scroll">
            <table class="table queues__counts">
              <thead>
                <tr>
                  <th scope="col">{t('queues.name')}</th>
                  {QUEUE_STATES.map((s) => (
                    <th key={s} scope="col">
                      {t(STATE_LABELS[s])}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {state.queues.map((queue) => (
                  <tr key={queue.name}>
                    <th scope="row" dir="ltr">
                      {queue.name}
                      {queue.truncated && <span class="muted"> {t('queues.truncated')}</span>}
                    </th>
                    {QUEUE_STATES.map((s) => (
                      <td key={s}>{queue.counts[s]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" class="button button--small queues__refresh" onClick={() => void queues.load()}>
            {t('queues.refresh')}
          </button>
          {failing.length === 0 && <p role="status">{t('queues.empty')}</p>}
          {failing.map((queue) => (
            <FailedJobs
              key={queue.name}
              queue={queue}
              retrying={retrying}
              onRetry={(q, id) => void queues.retry(q, id)}
              t={t}
              locale={locale}
            />
          ))}
        </>
      )}
    </section>
  );
}
