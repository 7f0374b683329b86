import { type BrandingSettings, DEFAULT_BRANDING } from '../../shared/contract';
import { consoleBrandingText } from '../../shared/i18n/catalogs/console-branding';
import { contrastRatio, readableAccent } from '../../shared/sites/accent-contrast';
import { SettingsSection } from './SettingsSection';
import { SECTION_IDS, type SectionContext } from './site-sections';

const WHITE = '#ffffff';

/** Branding: the widget's colour (checked for white text on it, and the readable shade the widget then uses), logo and corner. */
export function BrandingSection({ ctx }: { ctx: SectionContext }) {
  const { locale, dir } = ctx.i18n;
  const t = consoleBrandingText(locale);
  // Rounded down: a ratio just under 4.5 never reads as 4.5.
  const ratio = (color: string) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Math.floor(contrastRatio(color, WHITE) * 100) / 100);
  const { name, greeting } = ctx.store.saved;
  return (
    <SettingsSection<BrandingSettings>
      {...ctx.store}
      id={SECTION_IDS.branding}
      title={t('title')}
      read={(s) => s.branding ?? DEFAULT_BRANDING}
      write={(form) => ({ branding: form })}
      lang={locale}
      dir={dir}
    >
      {(form, set) => {
        const used = readableAccent(form.color);
        return (
          <div class="branding">
            <div class="branding__fields">
              <label class="field">
                <span class="field__label">{t('color')}</span>
                <span class="branding__color">
                  <input type="color" value={form.color.toLowerCase()} onInput={(e) => set({ color: e.currentTarget.value })} />
                  <code>{form.color}</code>
                </span>
              </label>
              <p class={used === form.color.toLowerCase() ? 'muted' : 'notice'} aria-live="polite">
                {used === form.color.toLowerCase()
                  ? t('contrastOk', { ratio: ratio(form.color) })
                  : t('contrastFixed', { ratio: ratio(form.color), color: used, fixed: ratio(used) })}
              </p>
              <label class="field">
                <span class="field__label">{t('logo')}</span>
                <input
                  class="input"
                  type="url"
                  pattern="https://.+"
                  maxLength={500}
                  value={form.logoUrl ?? ''}
                  onInput={(e) => set({ logoUrl: e.currentTarget.value.trim() || null })}
                />
              </label>
              <fieldset class="branding__position">
                <legend class="field__label">{t('position')}</legend>
                {(['right', 'left'] as const).map((position) => (
                  <label key={position} class="check">
                    <input type="radio" name="branding-position" checked={form.position === position} onChange={() => set({ position })} />
                    {t(position)}
                  </label>
                ))}
              </fieldset>
            </div>
            <figure class="branding-preview">
              <figcaption class="field__label">{t('preview')}</figcaption>
              <div class={`branding-preview__page branding-preview__page--${form.position}`} dir="ltr">
                <div class="branding-preview__panel">
                  <div class="branding-preview__header" style={{ background: used }}>
                    {form.logoUrl && <img src={form.logoUrl} alt="" />}
                    <span>{name}</span>
                  </div>
                  <p class="branding-preview__bubble" dir="auto">
                    {greeting}
                  </p>
                </div>
                <span class="branding-preview__launcher" style={{ background: used }} />
              </div>
              <p class="muted">{t('greeting')}</p>
            </figure>
          </div>
        );
      }}
    </SettingsSection>
  );
}
