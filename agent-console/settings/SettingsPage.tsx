import { useEffect, useState } from 'preact/hooks';
import type { SiteSettingsResponse } from '../../shared/contract';
import { consoleBrandingText } from '../../shared/i18n/catalogs/console-branding';
import type { WorkplaceApi } from '../api/workplace-api';
import { describeFailure } from '../lib/describe-failure';
import { createConsoleI18n } from '../lib/i18n';
import { useStore } from '../state/use-store';
import { BrandingSection } from './BrandingSection';
import { ATTACHMENTS_SECTION_ID, AttachmentsSection } from './AttachmentsSection';
import { filesText } from '../files/files-text';
import { CannedManager } from './CannedManager';
import { PrivacySection } from './PrivacySection';
import { VisitorLookup } from './VisitorLookup';
import {
  AnswerBotSection,
  ContinuitySection,
  EscalationSection,
  HoursSection,
  LanguagesSection,
  MailSection,
  SECTION_IDS,
  type SectionContext,
  WidgetSection,
} from './site-sections';

/** Admins: the site's settings, one section at a time, each saved on its own; saved changes apply without a restart. */
export function SettingsPage({ api }: { api: WorkplaceApi }) {
  const [loaded, setLoaded] = useState<SiteSettingsResponse | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [i18n] = useState(createConsoleI18n);
  const translation = useStore(i18n);
  const { t } = translation;

  useEffect(() => void api.settings().then(setLoaded, (e: unknown) => setFailure(describeFailure(e))), [api]);

  if (!loaded)
    return (
      <section class="page">
        <p role={failure ? 'alert' : 'status'}>{failure ?? 'Loading settings…'}</p>
      </section>
    );
  const ctx: SectionContext = {
    store: { saved: loaded.settings, save: api.saveSettings, onSaved: setLoaded },
    effective: loaded.effectiveLifecycle,
    i18n: translation,
  };
  const { mail } = loaded.settings;
  const branding = consoleBrandingText(translation.locale);
  const contents: Array<[id: string, label: string]> = [
    [SECTION_IDS.widget, 'Widget'],
    [SECTION_IDS.branding, branding('title')],
    [SECTION_IDS.languages, 'Languages'],
    [SECTION_IDS.hours, 'Business hours'],
    [SECTION_IDS.escalation, 'Escalation'],
    ...(mail ? [[SECTION_IDS.mail, t('settings.mail.title')] as [string, string]] : []),
    [SECTION_IDS.continuity, t('settings.continuity.title')],
    [SECTION_IDS.answerBot, t('settings.answerBot.title')],
    [ATTACHMENTS_SECTION_ID, filesText(translation.locale).t('settings.title')],
    [SECTION_IDS.privacy, t('settings.privacy.title')],
    ['settings-data-requests', t('privacy.lookup.title')],
    ['settings-install', 'Install the widget'],
    ['settings-secret', 'Site secret'],
    ['settings-canned', 'Canned responses'],
  ];

  return (
    <section class="page page--wide" aria-labelledby="settings-title">
      <h1 id="settings-title" class="page__title">
        Settings
      </h1>
      <div class="settings-layout">
        <nav class="settings-nav" aria-label="Settings sections">
          <ul>
            {contents.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="settings">
          <WidgetSection ctx={ctx} />
          <BrandingSection ctx={ctx} />
          <LanguagesSection ctx={ctx} />
          <HoursSection ctx={ctx} />
          <EscalationSection ctx={ctx} />
          {mail && <MailSection ctx={ctx} mail={mail} />}
          <ContinuitySection ctx={ctx} />
          <AnswerBotSection ctx={ctx} />
          <AttachmentsSection ctx={ctx} />
          <PrivacySection ctx={ctx} />
          <VisitorLookup i18n={ctx.i18n} />
          <InstallCard snippet={loaded.snippet} />
          <SecretCard api={api} secret={loaded.secret} onRotated={(secret) => setLoaded({ ...loaded, secret })} />
          <div id="settings-canned">
            <CannedManager api={api} />
          </div>
        </div>
      </div>
    </section>
  );
}

function InstallCard({ snippet }: { snippet: string }) {
  return (
    <div id="settings-install" class="card">
      <h2 class="card__title">Install the widget</h2>
      <p class="muted">Paste this into every page of the shop, before &lt;/body&gt;.</p>
      <textarea
        class="input snippet"
        readOnly
        rows={2}
        aria-label="Widget snippet"
        value={snippet}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button type="button" class="button button--small" onClick={() => void navigator.clipboard?.writeText(snippet)}>
        Copy
      </button>
    </div>
  );
}

function SecretCard({ api, secret, onRotated }: { api: WorkplaceApi; secret: string; onRotated: (secret: string) => void }) {
  const [shown, setShown] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const rotate = () => {
    if (!window.confirm('Rotate the site secret? The shop must switch to the new one.')) return;
    void api.rotateSecret().then(
      (next) => {
        onRotated(next);
        setShown(true);
        setOutcome({ kind: 'ok', text: 'A new secret is in force. Give it to the shop’s backend now.' });
      },
      (e: unknown) => setOutcome({ kind: 'error', text: describeFailure(e) }),
    );
  };
  return (
    <div id="settings-secret" class="card">
      <h2 class="card__title">Site secret</h2>
      <p class="muted">
        Your shop’s backend signs its webhooks and identity checks with it. Rotating it breaks them until the shop uses the new one.
      </p>
      <p>
        <code class="secret">{shown ? secret : '•'.repeat(24)}</code>{' '}
        <button type="button" class="button button--small" onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'Show'}
        </button>{' '}
        <button type="button" class="button button--small" onClick={rotate}>
          Rotate secret
        </button>
      </p>
      {outcome && (
        <p class={outcome.kind === 'ok' ? 'notice' : 'form-error'} role={outcome.kind === 'ok' ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
    </div>
  );
}
