import type { LifecycleSettings } from '../../shared/lifecycle';
import {
  type AnswerBotSettings,
  type ContinuitySettings,
  DEFAULT_ANSWER_BOT,
  DEFAULT_CONTINUITY,
  type MailSettings,
  type SiteSettings,
  type SiteSettingsResponse,
  type SiteSettingsUpdate,
} from '../../shared/contract';
import { LOCALES, type LocaleCode } from '../../shared/i18n/locales';
import { WEEKDAYS, type BusinessHours, type Weekday } from '../../shared/sites/business-hours';
import type { ConsoleI18n } from '../lib/i18n';
import { SettingsSection } from './SettingsSection';

/** What every section needs from the page: the saved settings and the save call, the thresholds in force, and the console's language. */
export interface SectionContext {
  store: {
    saved: SiteSettings;
    save: (update: SiteSettingsUpdate) => Promise<SiteSettingsResponse>;
    onSaved: (response: SiteSettingsResponse) => void;
  };
  effective: LifecycleSettings;
  i18n: ConsoleI18n;
}

/** The sections in page order, for the page's sub-navigation. */
export const SECTION_IDS = {
  widget: 'settings-widget',
  branding: 'settings-branding',
  languages: 'settings-languages',
  hours: 'settings-hours',
  escalation: 'settings-escalation',
  mail: 'settings-mail',
  continuity: 'settings-continuity',
  answerBot: 'settings-answer-bot',
  privacy: 'settings-privacy',
} as const;

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

const splitOrigins = (text: string) =>
  text
    .split(/\s+/)
    .map((o) => o.trim())
    .filter(Boolean);

export function WidgetSection({ ctx }: { ctx: SectionContext }) {
  return (
    <SettingsSection
      {...ctx.store}
      id={SECTION_IDS.widget}
      title="Widget"
      read={(s) => ({ name: s.name, greeting: s.greeting, origins: s.allowedOrigins.join('\n'), resumePageUrl: s.resumePageUrl })}
      write={({ origins, ...rest }) => ({ ...rest, allowedOrigins: splitOrigins(origins) })}
    >
      {(form, set) => (
        <>
          <label class="field">
            <span class="field__label">Shop name</span>
            <input class="input" required value={form.name} onInput={(e) => set({ name: e.currentTarget.value })} />
          </label>
          <label class="field">
            <span class="field__label">Greeting</span>
            <input class="input" required value={form.greeting} onInput={(e) => set({ greeting: e.currentTarget.value })} />
          </label>
          <label class="field">
            <span class="field__label">Allowed origins (one per line, e.g. https://shop.example; empty allows any page)</span>
            <textarea class="input" rows={3} value={form.origins} onInput={(e) => set({ origins: e.currentTarget.value })} />
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
              value={form.resumePageUrl ?? ''}
              onInput={(e) => set({ resumePageUrl: e.currentTarget.value.trim() || null })}
            />
          </label>
        </>
      )}
    </SettingsSection>
  );
}

export function LanguagesSection({ ctx }: { ctx: SectionContext }) {
  return (
    <SettingsSection
      {...ctx.store}
      id={SECTION_IDS.languages}
      title="Languages"
      read={(s) => ({ locales: s.locales, locale: s.locale, proactiveMessages: s.proactiveMessages })}
      write={(form) => form}
    >
      {(form, set) => (
        <>
          <div class="checks">
            {LOCALES.map((locale) => (
              <label key={locale} class="check">
                <input
                  type="checkbox"
                  checked={form.locales.includes(locale)}
                  onChange={(e) =>
                    set({ locales: e.currentTarget.checked ? [...form.locales, locale] : form.locales.filter((l) => l !== locale) })
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
              value={form.locale ?? ''}
              onChange={(e) => set({ locale: (e.currentTarget.value || null) as SiteSettings['locale'] })}
            >
              <option value="">Follow the page, then the browser</option>
              {form.locales.map((l) => (
                <option key={l} value={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          {form.locales.map((locale) => (
            <label key={locale} class="field">
              <span class="field__label">Proactive message in {LOCALE_NAMES[locale]} (empty: the built-in text)</span>
              <input
                class="input"
                maxLength={300}
                value={form.proactiveMessages[locale] ?? ''}
                onInput={(e) => {
                  const proactiveMessages = { ...form.proactiveMessages };
                  const text = e.currentTarget.value;
                  if (text.trim()) proactiveMessages[locale] = text;
                  else delete proactiveMessages[locale];
                  set({ proactiveMessages });
                }}
              />
            </label>
          ))}
        </>
      )}
    </SettingsSection>
  );
}

const OPEN_DAY = { open: '09:00', close: '17:00' };
const DEFAULT_HOURS: BusinessHours = {
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  days: { mon: OPEN_DAY, tue: OPEN_DAY, wed: OPEN_DAY, thu: OPEN_DAY, fri: OPEN_DAY, sat: null, sun: null },
};

export function HoursSection({ ctx }: { ctx: SectionContext }) {
  return (
    <SettingsSection
      {...ctx.store}
      id={SECTION_IDS.hours}
      title="Business hours"
      read={(s) => ({ businessHours: s.businessHours })}
      write={(form) => form}
    >
      {({ businessHours: hours }, set) => (
        <>
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
        </>
      )}
    </SettingsSection>
  );
}

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

export function EscalationSection({ ctx }: { ctx: SectionContext }) {
  const { effective } = ctx;
  const { t, locale, dir } = ctx.i18n;
  return (
    <SettingsSection
      {...ctx.store}
      id={SECTION_IDS.escalation}
      title="Escalation"
      read={(s) => ({ lifecycle: s.lifecycle, autoAwayMinutes: s.autoAwayMinutes, unansweredEmailMinutes: s.unansweredEmailMinutes })}
      write={(form) => form}
    >
      {(form, set) => {
        const setThreshold = (key: Threshold, value: string) => {
          const lifecycle = { ...form.lifecycle } as Partial<LifecycleSettings>;
          if (value === '') delete lifecycle[key];
          else lifecycle[key] = Number(value);
          set({ lifecycle });
        };
        return (
          <>
            {THRESHOLDS.map(({ key, label, step }) => (
              <label key={key} class="field">
                <span class="field__label">{label}</span>
                <input
                  class="input input--compact"
                  type="number"
                  step={step ?? 1}
                  placeholder={String(effective[key])}
                  value={form.lifecycle[key] ?? ''}
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
                value={form.autoAwayMinutes}
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
                value={form.unansweredEmailMinutes ?? ''}
                onInput={(e) => set({ unansweredEmailMinutes: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
              />
            </label>
          </>
        );
      }}
    </SettingsSection>
  );
}

/** Shown only where the deployment sends mail (the server then includes `mail` in the settings). */
export function MailSection({ ctx, mail }: { ctx: SectionContext; mail: MailSettings }) {
  const { t } = ctx.i18n;
  return (
    <SettingsSection
      {...ctx.store}
      id={SECTION_IDS.mail}
      title={t('settings.mail.title')}
      read={(s) => s.mail ?? mail}
      write={(form) => ({ mail: form })}
      lang={ctx.i18n.locale}
      dir={ctx.i18n.dir}
    >
      {(form, set) => (
        <>
          <label class="field">
            <span class="field__label">{t('settings.mail.delay')}</span>
            <input
              class="input input--compact"
              type="number"
              min={1}
              max={86400}
              step={1}
              value={form.replyDelaySeconds ?? ''}
              onInput={(e) => set({ replyDelaySeconds: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
            />
          </label>
          <label class="check">
            <input type="checkbox" checked={form.transcriptOnClose} onChange={(e) => set({ transcriptOnClose: e.currentTarget.checked })} />
            {t('settings.mail.transcriptOnClose')}
          </label>
        </>
      )}
    </SettingsSection>
  );
}

export function ContinuitySection({ ctx }: { ctx: SectionContext }) {
  const { t } = ctx.i18n;
  return (
    <SettingsSection<ContinuitySettings>
      {...ctx.store}
      id={SECTION_IDS.continuity}
      title={t('settings.continuity.title')}
      read={(s) => s.continuity ?? DEFAULT_CONTINUITY}
      write={(form) => ({ continuity: form })}
      lang={ctx.i18n.locale}
      dir={ctx.i18n.dir}
    >
      {(form, set) => (
        <>
          <label class="field">
            <span class="field__label">{t('settings.continuity.emailPrompt')}</span>
            <input
              class="input input--compact"
              type="number"
              min={0}
              max={1440}
              step={1}
              value={form.emailPromptMinutes}
              onInput={(e) => set({ emailPromptMinutes: Number(e.currentTarget.value) })}
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
              value={form.autoCloseHours}
              onInput={(e) => set({ autoCloseHours: Number(e.currentTarget.value) })}
            />
          </label>
        </>
      )}
    </SettingsSection>
  );
}

export function AnswerBotSection({ ctx }: { ctx: SectionContext }) {
  const { t } = ctx.i18n;
  return (
    <SettingsSection<AnswerBotSettings>
      {...ctx.store}
      id={SECTION_IDS.answerBot}
      title={t('settings.answerBot.title')}
      read={(s) => s.answerBot ?? DEFAULT_ANSWER_BOT}
      write={(form) => ({ answerBot: form })}
      lang={ctx.i18n.locale}
      dir={ctx.i18n.dir}
    >
      {(form, set) => (
        <>
          <label class="check">
            <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
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
              value={Math.round(form.threshold * 100)}
              onInput={(e) => set({ threshold: Number(e.currentTarget.value) / 100 })}
            />
          </label>
          <p class="muted" id="answer-bot-threshold-hint">
            {t('settings.answerBot.thresholdHint')}
          </p>
        </>
      )}
    </SettingsSection>
  );
}
