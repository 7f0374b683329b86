import { DEFAULT_AUDIT_DAYS } from '../../shared/contract/audit-actions';
import { DEFAULT_PRIVACY, type PrivacySettings, type RetentionSettings } from '../../shared/contract/settings';
import { SettingsSection } from './SettingsSection';
import { SECTION_IDS, type SectionContext } from './site-sections';

/** The section's fields: what the site keeps and for how long (each privacy setting of the site joins this form). */
interface PrivacyForm {
  retention: RetentionSettings & { auditDays: number };
  privacy: PrivacySettings;
}

type KeptFor = 'conversationDays' | 'visitorDays';
const KEPT_FOR: ReadonlyArray<{ key: KeptFor; label: string }> = [
  { key: 'conversationDays', label: 'Delete closed conversations, with their messages, notes and ratings, after (days)' },
  { key: 'visitorDays', label: 'Delete visitors not seen for (days; never while they have a conversation kept)' },
];

/** Privacy: consent mode, and how long conversations, visitors, analytics and the audit trail are kept. */
export function PrivacySection({ ctx }: { ctx: SectionContext }) {
  const { t } = ctx.i18n;
  return (
    <SettingsSection<PrivacyForm>
      {...ctx.store}
      id={SECTION_IDS.privacy}
      title={t('settings.privacy.title')}
      read={(s) => ({
        retention: { ...s.retention, auditDays: s.retention.auditDays ?? DEFAULT_AUDIT_DAYS },
        privacy: s.privacy ?? DEFAULT_PRIVACY,
      })}
      write={(form) => form}
    >
      {(form, set) => {
        const retain = (patch: Partial<PrivacyForm['retention']>) => set({ retention: { ...form.retention, ...patch } });
        const consent = (patch: Partial<PrivacySettings>) => set({ privacy: { ...form.privacy, ...patch } });
        return (
          <>
            <label class="check">
              <input
                type="checkbox"
                checked={form.privacy.consentRequired}
                onChange={(e) => consent({ consentRequired: e.currentTarget.checked })}
              />
              <span>
                Ask for consent first (consent mode): the widget stores nothing on a visitor's device and connects only once the visitor
                starts the chat or your cookie banner calls LifecycleChat.consent(true)
              </span>
            </label>
            <label class="field">
              <span class="field__label">Privacy policy page, linked from the consent notice</span>
              <input
                class="input"
                type="url"
                maxLength={500}
                placeholder="https://shop.example/privacy"
                value={form.privacy.policyUrl ?? ''}
                onInput={(e) => consent({ policyUrl: e.currentTarget.value.trim() || null })}
              />
            </label>
            {KEPT_FOR.map(({ key, label }) => (
              <label key={key} class="field">
                <span class="field__label">{label}</span>
                <input
                  class="input input--compact"
                  type="number"
                  min={1}
                  max={3650}
                  placeholder="Keep"
                  value={form.retention[key] ?? ''}
                  onInput={(e) => retain({ [key]: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
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
                value={form.retention.analyticsDailyDays}
                onInput={(e) => retain({ analyticsDailyDays: Number(e.currentTarget.value) })}
              />
            </label>
            <label class="field" lang={ctx.i18n.locale} dir={ctx.i18n.dir}>
              <span class="field__label">{t('settings.privacy.auditDays')}</span>
              <input
                class="input input--compact"
                type="number"
                required
                min={30}
                max={3650}
                value={form.retention.auditDays}
                onInput={(e) => retain({ auditDays: Number(e.currentTarget.value) })}
              />
            </label>
          </>
        );
      }}
    </SettingsSection>
  );
}
