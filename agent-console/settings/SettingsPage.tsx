import { useEffect, useState } from 'preact/hooks';
import type { LifecycleSettings } from '../../shared/lifecycle';
import {
  type AnswerBotSettings,
  type ContinuitySettings,
  DEFAULT_ANSWER_BOT,
  DEFAULT_CONTINUITY,
  type MailSettings,
  type RetentionSettings,
  type SiteSettings,
  type SiteSettingsResponse,
} from '../../shared/contract';
import { LOCALES, type LocaleCode } from '../../shared/i18n/locales';
import { WEEKDAYS, type BusinessHours, type Weekday } from '../../shared/sites/business-hours';
import { describeFailure } from '../lib/describe-failure';
import { createConsoleI18n } from '../lib/i18n';
import { useStore } from '../state/use-store';
import type { WorkplaceApi } from '../api/workplace-api';
import { CannedManager } from './CannedManager';

const LOCALE_NAMES: Record<LocaleCode, string> = { en: 'English', ru: 'Русский', ro: 'Română', fa: 'فارسی', pl: 'Polski', cs: 'Čeština' };
const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

type Threshold =
  | 'checkoutIdleSeconds'
  | 'cartDwellSeconds'
  | 'shippingLoopViews'
  | 'shippingLoopWindowSeconds'
  | 'promptCapMinutes'
  | 'intentThreshold'
  | 'escalationSlaSeconds';
const THRESHOLDS: ReadonlyArray<{ key: Threshold; label: string; step?: number }> = [
  { key: 'checkoutIdleSeconds', label: 'Idle at checkout before escalating (seconds)' },
  { key: 'cartDwellSeconds', label: 'Lingering with a full cart before escalating (seconds)' },
  { key: 'shippingLoopViews', label: 'Shipping/returns/pricing views that count as a loop' },
  { key: 'shippingLoopWindowSeconds', label: '…within (seconds)' },
  { key: 'intentThreshold', label: 'Purchase intent needed to escalate (0–1)', step: 0.01 },
  { key: 'promptCapMinutes', label: 'At most one proactive prompt per visitor every (minutes)' },
  { key: 'escalationSlaSeconds', label: 'Re-route an escalation not accepted within (seconds)' },
];

type KeptFor = 'conversationDays' | 'visitorDays';
const KEPT_FOR: ReadonlyArray<{ key: KeptFor; label: string }> = [
  { key: 'conversationDays', label: 'Delete closed conversations, with their messages, notes and ratings, after (days)' },
  { key: 'visitorDays', label: 'Delete visitors not seen for (days; never while they have a conversation kept)' },
];

const OPEN_DAY = { open: '09:00', close: '17:00' };
const DEFAULT_HOURS: BusinessHours = {
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  days: { mon: OPEN_DAY, tue: OPEN_DAY, wed: OPEN_DAY, thu: OPEN_DAY, fri: OPEN_DAY, sat: null, sun: null },
};

/** Admins: the site's settings; saved changes apply without a restart. */
export function SettingsPage({ api }: { api: WorkplaceApi }) {
  const [loaded, setLoaded] = useState<SiteSettingsResponse | null>(null);
  const [draft, setDraft] = useState<SiteSettings | null>(null);
  const [origins, setOrigins] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [showSecret, setShowSecret] = useState(false);
  const [i18n] = useState(createConsoleI18n);
  const { t, locale, dir } = useStore(i18n);

  const accept = (response: SiteSettingsResponse) => {
    setLoaded(response);
    setDraft(response.settings);
    setOrigins(response.settings.allowedOrigins.join('\n'));
  };
  useEffect(() => void api.settings().then(accept, (e: unknown) => setMessage({ kind: 'error', text: describeFailure(e) })), [api]);

  if (!loaded || !draft)
    return (
      <section class="page">
        <p role="status">{message?.text ?? 'Loading settings…'}</p>
      </section>
    );
  const set = (patch: Partial<SiteSettings>) => setDraft({ ...draft, ...patch });
  const effective = loaded.effectiveLifecycle;
  const setThreshold = (key: Threshold, value: string) => {
    const lifecycle = { ...draft.lifecycle } as Partial<LifecycleSettings>;
    if (value === '') delete lifecycle[key];
    else lifecycle[key] = Number(value);
    set({ lifecycle });
  };

  const setRetention = (patch: Partial<RetentionSettings>) => set({ retention: { ...draft.retention, ...patch } });
  const setMail = (mail: MailSettings) => (patch: Partial<MailSettings>) => set({ mail: { ...mail, ...patch } });
  const continuity = draft.continuity ?? DEFAULT_CONTINUITY;
  const setContinuity = (patch: Partial<ContinuitySettings>) => set({ continuity: { ...continuity, ...patch } });
  const answerBot = draft.answerBot ?? DEFAULT_ANSWER_BOT;
  const setAnswerBot = (patch: Partial<AnswerBotSettings>) => set({ answerBot: { ...answerBot, ...patch } });

  const save = async (event: Event) => {
    event.preventDefault();
    const allowedOrigins = origins
      .split(/\s+/)
      .map((o) => o.trim())
      .filter(Boolean);
    try {
      accept(await api.saveSettings({ ...draft, allowedOrigins }));
      setMessage({ kind: 'ok', text: 'Saved. The changes apply within a few seconds, no restart needed.' });
    } catch (e) {
      setMessage({ kind: 'error', text: describeFailure(e) });
    }
  };

  const hours = draft.businessHours;
  return (
    <section class="page" aria-labelledby="settings-title">
      <h1 id="settings-title" class="page__title">
        Settings
      </h1>
      {message && (
        <p class={message.kind === 'ok' ? 'notice' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <form class="settings" onSubmit={save}>
        <fieldset class="card">
          <legend class="card__title">Widget</legend>
          <label class="field">
            <span class="field__label">Shop name</span>
            <input class="input" required value={draft.name} onInput={(e) => set({ name: e.currentTarget.value })} />
          </label>
          <label class="field">
            <span class="field__label">Greeting</span>
            <input class="input" required value={draft.greeting} onInput={(e) => set({ greeting: e.currentTarget.value })} />
          </label>
          <label class="field">
            <span class="field__label">Allowed origins (one per line, e.g. https://shop.example; empty allows any page)</span>
            <textarea class="input" rows={3} value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span class="field__label">
              Page that links in reply emails open, with the widget on it (e.g. https://shop.example/support; empty: a conversation page on
              this server)
            </span>
            <input
              class="input"
              type="url"
              maxLength={500}
              value={draft.resumePageUrl ?? ''}
              onInput={(e) => set({ resumePageUrl: e.currentTarget.value.trim() || null })}
            />
          </label>
        </fieldset>

        <fieldset class="card">
          <legend class="card__title">Languages</legend>
          <div class="checks">
            {LOCALES.map((locale) => (
              <label key={locale} class="check">
                <input
                  type="checkbox"
                  checked={draft.locales.includes(locale)}
                  onChange={(e) =>
                    set({ locales: e.currentTarget.checked ? [...draft.locales, locale] : draft.locales.filter((l) => l !== locale) })
                  }
                />
                {LOCALE_NAMES[locale]}
              </label>
            ))}
          </div>
          <label class="field">
            <span class="field__label">Default language</span>
            <select
              class="input"
              value={draft.locale ?? ''}
              onChange={(e) => set({ locale: (e.currentTarget.value || null) as SiteSettings['locale'] })}
            >
              <option value="">Follow the page, then the browser</option>
              {draft.locales.map((l) => (
                <option key={l} value={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          {draft.locales.map((locale) => (
            <label key={locale} class="field">
              <span class="field__label">Proactive message in {LOCALE_NAMES[locale]} (empty: the built-in text)</span>
              <input
                class="input"
                maxLength={300}
                value={draft.proactiveMessages[locale] ?? ''}
                onInput={(e) => {
                  const proactiveMessages = { ...draft.proactiveMessages };
                  const text = e.currentTarget.value;
                  if (text.trim()) proactiveMessages[locale] = text;
                  else delete proactiveMessages[locale];
                  set({ proactiveMessages });
                }}
              />
            </label>
          ))}
        </fieldset>

        <fieldset class="card">
          <legend class="card__title">Business hours</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={hours !== null}
              onChange={(e) => set({ businessHours: e.currentTarget.checked ? DEFAULT_HOURS : null })}
            />
            Outside business hours, visitors are told when you are back and asked for an email address
          </label>
          {hours && (
            <>
              <label class="field">
                <span class="field__label">Time zone</span>
                <input
                  class="input"
                  value={hours.timezone}
                  onInput={(e) => set({ businessHours: { ...hours, timezone: e.currentTarget.value } })}
                />
              </label>
              {WEEKDAYS.map((day) => {
                const today = hours.days[day];
                const setDay = (value: BusinessHours['days'][Weekday]) =>
                  set({ businessHours: { ...hours, days: { ...hours.days, [day]: value } } });
                return (
                  <div key={day} class="hours-row">
                    <label class="check">
                      <input type="checkbox" checked={today !== null} onChange={(e) => setDay(e.currentTarget.checked ? OPEN_DAY : null)} />
                      {DAY_NAMES[day]}
                    </label>
                    {today && (
                      <>
                        <input
                          class="input input--compact"
                          type="time"
                          aria-label={`${DAY_NAMES[day]} opens`}
                          value={today.open}
                          onInput={(e) => setDay({ ...today, open: e.currentTarget.value })}
                        />
                        <input
                          class="input input--compact"
                          type="time"
                          aria-label={`${DAY_NAMES[day]} closes`}
                          value={today.close}
                          onInput={(e) => setDay({ ...today, close: e.currentTarget.value })}
                        />
                      </>
                    )}
                  </div>
                );
              })}
            </>
          )}
        </fieldset>

        <fieldset class="card">
          <legend class="card__title">Escalation</legend>
          {THRESHOLDS.map(({ key, label, step }) => (
            <label key={key} class="field">
              <span class="field__label">{label}</span>
              <input
                class="input input--compact"
                type="number"
                step={step ?? 1}
                placeholder={String(effective[key])}
                value={draft.lifecycle[key] ?? ''}
                onInput={(e) => setThreshold(key, e.currentTarget.value)}
              />
            </label>
          ))}
          <p class="muted">Empty fields use the default shown in grey.</p>
          <label class="field">
            <span class="field__label">Set agents away after this many minutes without console activity (0: never)</span>
            <input
              class="input input--compact"
              type="number"
              min={0}
              max={480}
              value={draft.autoAwayMinutes}
              onInput={(e) => set({ autoAwayMinutes: Number(e.currentTarget.value) })}
            />
          </label>
          <label class="field" lang={locale} dir={dir}>
            <span class="field__label">{t('settings.unansweredEmail')}</span>
            <input
              class="input input--compact"
              type="number"
              min={0.05}
              max={1440}
              step="any"
              value={draft.unansweredEmailMinutes ?? ''}
              onInput={(e) => set({ unansweredEmailMinutes: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
            />
          </label>
        </fieldset>
        {draft.mail && (
          <fieldset class="card" lang={locale} dir={dir}>
            <legend class="card__title">{t('settings.mail.title')}</legend>
            <label class="field">
              <span class="field__label">{t('settings.mail.delay')}</span>
              <input
                class="input input--compact"
                type="number"
                min={1}
                max={86400}
                step={1}
                value={draft.mail.replyDelaySeconds ?? ''}
                onInput={(e) =>
                  setMail(draft.mail!)({ replyDelaySeconds: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })
                }
              />
            </label>
            <label class="check">
              <input
                type="checkbox"
                checked={draft.mail.transcriptOnClose}
                onChange={(e) => setMail(draft.mail!)({ transcriptOnClose: e.currentTarget.checked })}
              />
              {t('settings.mail.transcriptOnClose')}
            </label>
          </fieldset>
        )}
        <fieldset class="card" lang={locale} dir={dir}>
          <legend class="card__title">{t('settings.continuity.title')}</legend>
          <label class="field">
            <span class="field__label">{t('settings.continuity.emailPrompt')}</span>
            <input
              class="input input--compact"
              type="number"
              min={0}
              max={1440}
              step={1}
              value={continuity.emailPromptMinutes}
              onInput={(e) => setContinuity({ emailPromptMinutes: Number(e.currentTarget.value) })}
            />
          </label>
          <label class="field">
            <span class="field__label">{t('settings.continuity.autoClose')}</span>
            <input
              class="input input--compact"
              type="number"
              min={0}
              max={2160}
              step={1}
              value={continuity.autoCloseHours}
              onInput={(e) => setContinuity({ autoCloseHours: Number(e.currentTarget.value) })}
            />
          </label>
        </fieldset>
        <fieldset class="card" lang={locale} dir={dir}>
          <legend class="card__title">{t('settings.answerBot.title')}</legend>
          <label class="check">
            <input type="checkbox" checked={answerBot.enabled} onChange={(e) => setAnswerBot({ enabled: e.currentTarget.checked })} />
            {t('settings.answerBot.enabled')}
          </label>
          <label class="field">
            <span class="field__label">{t('settings.answerBot.threshold')}</span>
            {/* Shown in percent; the setting is the calibrated probability (0.50–0.99). */}
            <input
              class="input input--compact"
              type="number"
              min={50}
              max={99}
              step={1}
              aria-describedby="answer-bot-threshold-hint"
              value={Math.round(answerBot.threshold * 100)}
              onInput={(e) => setAnswerBot({ threshold: Number(e.currentTarget.value) / 100 })}
            />
          </label>
          <p class="muted" id="answer-bot-threshold-hint">
            {t('settings.answerBot.thresholdHint')}
          </p>
        </fieldset>
        <fieldset class="card">
          <legend class="card__title">Data retention</legend>
          {KEPT_FOR.map(({ key, label }) => (
            <label key={key} class="field">
              <span class="field__label">{label}</span>
              <input
                class="input input--compact"
                type="number"
                min={1}
                max={3650}
                placeholder="Keep"
                value={draft.retention[key] ?? ''}
                onInput={(e) => setRetention({ [key]: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
              />
            </label>
          ))}
          <p class="muted">Empty fields keep everything. Deleting runs in the background, about once an hour.</p>
          <label class="field">
            <span class="field__label">Keep analytics day by day for (days; older days are kept as monthly totals)</span>
            <input
              class="input input--compact"
              type="number"
              required
              min={62}
              max={3650}
              value={draft.retention.analyticsDailyDays}
              onInput={(e) => setRetention({ analyticsDailyDays: Number(e.currentTarget.value) })}
            />
          </label>
        </fieldset>
        <button type="submit" class="button button--primary">
          Save settings
        </button>
      </form>

      <div class="card">
        <h2 class="card__title">Install the widget</h2>
        <p class="muted">Paste this into every page of the shop, before &lt;/body&gt;.</p>
        <textarea
          class="input snippet"
          readOnly
          rows={2}
          aria-label="Widget snippet"
          value={loaded.snippet}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="button button--small" onClick={() => void navigator.clipboard?.writeText(loaded.snippet)}>
          Copy
        </button>
      </div>

      <div class="card">
        <h2 class="card__title">Site secret</h2>
        <p class="muted">
          Your shop’s backend signs its webhooks and identity checks with it. Rotating it breaks them until the shop uses the new one.
        </p>
        <code class="secret">{showSecret ? loaded.secret : '•'.repeat(24)}</code>{' '}
        <button type="button" class="button button--small" onClick={() => setShowSecret(!showSecret)}>
          {showSecret ? 'Hide' : 'Show'}
        </button>{' '}
        <button
          type="button"
          class="button button--small"
          onClick={() => {
            if (!window.confirm('Rotate the site secret? The shop must switch to the new one.')) return;
            void api.rotateSecret().then(
              (secret) => {
                setLoaded({ ...loaded, secret });
                setShowSecret(true);
                setMessage({ kind: 'ok', text: 'A new secret is in force. Give it to the shop’s backend now.' });
              },
              (e: unknown) => setMessage({ kind: 'error', text: describeFailure(e) }),
            );
          }}
        >
          Rotate secret
        </button>
      </div>
      <CannedManager api={api} />
    </section>
  );
}
