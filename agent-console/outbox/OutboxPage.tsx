import { useEffect, useState } from 'preact/hooks';
import type { OutboxMail } from '../../shared/contract/mail';
import type { ConsoleKey, Vars } from '../../shared/i18n/translate';
import type { MailApi } from '../api/mail-api';
import { createConsoleI18n } from '../lib/i18n';
import { createOutbox } from '../state/outbox';
import { useStore } from '../state/use-store';

type T = (key: ConsoleKey, vars?: Vars) => string;

function MailItem({ mail, t, locale }: { mail: OutboxMail; t: T; locale: string }) {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(mail.date));
  return (
    <li class="card outbox__mail">
      <h2 class="card__title" dir="auto">
        {mail.subject}
      </h2>
      <p class="muted">
        <span dir="auto">{t('outbox.to', { to: mail.to })}</span> · <time dateTime={mail.date}>{date}</time>
      </p>
      <pre class="outbox__text" dir="auto">
        {mail.text}
      </pre>
      {mail.html && (
        <details>
          <summary>{t('outbox.html')}</summary>
          {/* Sanitized by the server, and still shown in a sandbox: no scripts, no same origin. */}
          <iframe class="outbox__html" title={mail.subject} sandbox="" srcdoc={mail.html} />
        </details>
      )}
      {mail.listUnsubscribe && <p class="muted">{t('outbox.unsubscribe', { value: mail.listUnsubscribe })}</p>}
    </li>
  );
}

/** Admins: the mails this site would have sent (a deployment without SMTP writes them to its outbox). */
export function OutboxPage({ api }: { api: MailApi }) {
  const [i18n] = useState(createConsoleI18n);
  const { t, locale, dir } = useStore(i18n);
  const [outbox] = useState(() => createOutbox(api));
  const { state } = useStore(outbox.store);
  useEffect(() => void outbox.load(0), [outbox]);

  return (
    <section class="page" aria-labelledby="outbox-title" lang={locale} dir={dir}>
      <h1 id="outbox-title" class="page__title">
        {t('outbox.title')}
      </h1>
      <p class="muted">{t('outbox.intro')}</p>
      {state.phase === 'loading' && (
        <p role="status" aria-busy="true">
          {t('outbox.loading')}
        </p>
      )}
      {state.phase === 'failed' && (
        <div role="alert" class="form-error">
          <p>{t('outbox.failed', { message: state.message })}</p>
          <button type="button" class="button button--small" onClick={() => void outbox.load(state.page)}>
            {t('outbox.retry')}
          </button>
        </div>
      )}
      {state.phase === 'ready' && state.total === 0 && <p role="status">{t('outbox.empty')}</p>}
      {state.phase === 'ready' && state.total > 0 && (
        <>
          <ul class="outbox">
            {state.mails.map((mail) => (
              <MailItem key={mail.id} mail={mail} t={t} locale={locale} />
            ))}
          </ul>
          <nav class="outbox__pages" aria-label={t('outbox.title')}>
            <button type="button" class="button button--small" disabled={state.page === 0} onClick={() => void outbox.load(state.page - 1)}>
              {t('outbox.newer')}
            </button>
            <span>{t('outbox.page', { page: state.page + 1, pages: state.pages, total: state.total })}</span>
            <button
              type="button"
              class="button button--small"
              disabled={state.page + 1 >= state.pages}
              onClick={() => void outbox.load(state.page + 1)}
            >
              {t('outbox.older')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
