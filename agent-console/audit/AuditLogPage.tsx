import { useEffect, useState } from 'preact/hooks';
import { AUDIT_ACTIONS, type AuditAction } from '../../shared/contract/audit-actions';
import type { AuditEntry } from '../../shared/contract/audit';
import type { AuditApi, AuditFilters } from '../api/audit-api';
import { createConsoleI18n } from '../lib/i18n';
import { createAuditLog } from '../state/audit-log';
import { useStore } from '../state/use-store';

const who = (actor: AuditEntry['actor']) =>
  actor.kind === 'user' ? (actor.name ? `${actor.name} <${actor.email}>` : actor.email) : actor.kind;
const on = (target: AuditEntry['target']) => [target.kind, target.label ?? target.id].filter(Boolean).join(' ');
const details = (entry: AuditEntry) =>
  Object.entries(entry.details)
    .map(([key, value]) => `${key}: ${value}`)
    .join('; ');

/** The filter form's fields: every filter as typed, empty for "any". */
interface Form {
  action: AuditAction | '';
  actor: string;
  from: string;
  to: string;
}

const filtersOf = (form: Form): AuditFilters => ({
  ...(form.action && { action: form.action }),
  ...(form.actor.trim() && { actor: form.actor.trim() }),
  ...(form.from && { from: form.from }),
  ...(form.to && { to: form.to }),
});

/** Admins: the site's audit trail, newest first, filtered by action, actor and days, and exported as CSV. */
export function AuditLogPage({ api }: { api: AuditApi }) {
  const [i18n] = useState(createConsoleI18n);
  const { t, locale, dir } = useStore(i18n);
  const [log] = useState(() => createAuditLog(api));
  const { state } = useStore(log.store);
  const [form, setForm] = useState<Form>({ action: '', actor: '', from: '', to: '' });
  useEffect(() => void log.show({}), [log]);
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });

  return (
    <section class="page page--wide" aria-labelledby="audit-title" lang={locale} dir={dir}>
      <h1 id="audit-title" class="page__title">
        {t('audit.title')}
      </h1>
      <p class="muted">{t('audit.intro')}</p>
      <form
        class="audit__filters"
        aria-label={t('audit.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          void log.show(filtersOf(form));
        }}
      >
        <label class="field">
          <span class="field__label">{t('audit.action')}</span>
          <select class="input" value={form.action} onChange={(e) => setForm({ ...form, action: e.currentTarget.value as Form['action'] })}>
            <option value="">{t('audit.allActions')}</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t('audit.actor')}</span>
          <input class="input" value={form.actor} onInput={(e) => setForm({ ...form, actor: e.currentTarget.value })} />
        </label>
        <label class="field">
          <span class="field__label">{t('audit.from')}</span>
          <input class="input" type="date" value={form.from} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} />
        </label>
        <label class="field">
          <span class="field__label">{t('audit.to')}</span>
          <input class="input" type="date" value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />
        </label>
        <button type="submit" class="button button--primary">
          {t('audit.apply')}
        </button>
        <a class="button" href={api.csvUrl(state.filters)} download>
          {t('audit.export')}
        </a>
      </form>
      {state.phase === 'loading' && (
        <p role="status" aria-busy="true">
          {t('audit.loading')}
        </p>
      )}
      {state.phase !== 'loading' && state.entries.length > 0 && (
        <div class="table-scroll">
          <table class="audit">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.details')}</th>
                <th scope="col">{t('audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {state.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{time.format(new Date(entry.at))}</time>
                  </td>
                  <td>{entry.action}</td>
                  <td dir="auto">{who(entry.actor)}</td>
                  <td dir="auto">{on(entry.target)}</td>
                  <td dir="auto">{details(entry)}</td>
                  <td>{entry.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {state.phase === 'ready' && state.entries.length === 0 && <p role="status">{t('audit.empty')}</p>}
      {state.phase === 'failed' && (
        <div role="alert" class="form-error">
          <p>{t('audit.failed', { message: state.message })}</p>
          <button
            type="button"
            class="button button--small"
            onClick={() => void (state.entries.length > 0 ? log.more() : log.show(state.filters))}
          >
            {t('audit.retry')}
          </button>
        </div>
      )}
      {(state.phase === 'ready' || state.phase === 'more') && state.next && (
        <button type="button" class="button button--small" disabled={state.phase === 'more'} onClick={() => void log.more()}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
