import { useState } from 'preact/hooks';
import type { VisitorMatch } from '../../shared/contract/visitor-privacy';
import { createPrivacyApi, type PrivacyApi } from '../api/privacy-api';
import { describeFailure } from '../lib/describe-failure';
import type { ConsoleI18n } from '../lib/i18n';
import { PrivacyActions } from '../visitor-panel/PrivacyActions';

type Search =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'found'; email: string; visitors: VisitorMatch[] }
  | { kind: 'failed'; message: string };

/** A data request names an email address: find the site's visitors stored with it, then export or erase each. */
export function VisitorLookup({ i18n, api: given }: { i18n: ConsoleI18n; api?: PrivacyApi }) {
  const { t, locale, dir } = i18n;
  const [api] = useState(() => given ?? createPrivacyApi());
  const [email, setEmail] = useState('');
  const [search, setSearch] = useState<Search>({ kind: 'idle' });
  const seen = (at: string | null) => (at ? new Date(at).toLocaleDateString(locale, { dateStyle: 'medium' }) : t('privacy.lookup.never'));

  async function find(event: Event) {
    event.preventDefault();
    const wanted = email.trim();
    setSearch({ kind: 'searching' });
    try {
      setSearch({ kind: 'found', email: wanted, visitors: await api.lookup(wanted) });
    } catch (error) {
      setSearch({ kind: 'failed', message: describeFailure(error) });
    }
  }

  return (
    <section id="settings-data-requests" class="card" lang={locale} dir={dir} aria-labelledby="data-requests-title">
      <h2 id="data-requests-title" class="card__title">
        {t('privacy.lookup.title')}
      </h2>
      <p class="muted">{t('privacy.lookup.intro')}</p>
      <form class="visitor-lookup" onSubmit={find}>
        <label class="field">
          <span class="field__label">{t('privacy.lookup.email')}</span>
          <input class="input" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button" disabled={search.kind === 'searching'}>
          {search.kind === 'searching' ? t('privacy.lookup.finding') : t('privacy.lookup.find')}
        </button>
      </form>
      {search.kind === 'failed' && <p role="alert">{search.message}</p>}
      {search.kind === 'found' && (
        <div role="status">
          {search.visitors.length === 0 ? (
            <p>{t('privacy.lookup.none', { email: search.email })}</p>
          ) : (
            <ul class="visitor-lookup__results">
              {search.visitors.map((v) => {
                const name = v.name ?? t('privacy.lookup.unnamed');
                return (
                  <li key={v.id}>
                    <p>
                      <strong>{v.email}</strong> · {t('privacy.lookup.found', { name, seen: seen(v.lastSeenAt), count: v.conversations })}
                    </p>
                    <PrivacyActions visitorId={v.id} name={v.name ?? v.email} api={api} />
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
