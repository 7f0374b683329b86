import { useContext } from 'preact/hooks';
import { type AttachmentSettings, DEFAULT_ATTACHMENTS, MAX_FILE_MEGABYTES } from '../../shared/contract';
import { filesText } from '../files/files-text';
import { ConsoleSessionContext } from '../state/session-context';
import { SettingsSection } from './SettingsSection';
import type { SectionContext } from './site-sections';

export const ATTACHMENTS_SECTION_ID = 'settings-files';

/** Admins: which kinds of file visitors and agents may send, and how large. */
export function AttachmentsSection({ ctx }: { ctx: SectionContext }) {
  const { t } = filesText(ctx.i18n.locale);
  // This tab's composer checks files against the new limits at once.
  const uploads = useContext(ConsoleSessionContext)?.files;
  return (
    <SettingsSection<AttachmentSettings>
      {...ctx.store}
      onSaved={(response) => {
        ctx.store.onSaved(response);
        uploads?.limitsChanged(response.settings.attachments ?? DEFAULT_ATTACHMENTS);
      }}
      id={ATTACHMENTS_SECTION_ID}
      title={t('settings.title')}
      read={(s) => s.attachments ?? DEFAULT_ATTACHMENTS}
      write={(form) => ({ attachments: form })}
      lang={ctx.i18n.locale}
      dir={ctx.i18n.dir}
    >
      {(form, set) => (
        <>
          <fieldset class="field">
            <legend class="field__label">{t('settings.kinds')}</legend>
            {DEFAULT_ATTACHMENTS.kinds.map((kind) => (
              <label key={kind} class="check">
                <input
                  type="checkbox"
                  checked={form.kinds.includes(kind)}
                  onChange={(e) =>
                    set({
                      kinds: DEFAULT_ATTACHMENTS.kinds.filter((k) => (k === kind ? e.currentTarget.checked : form.kinds.includes(k))),
                    })
                  }
                />
                {t(`settings.kind.${kind}`)}
              </label>
            ))}
            {form.kinds.length === 0 && <p class="muted">{t('settings.none')}</p>}
          </fieldset>
          <label class="field">
            <span class="field__label">{t('settings.maxMegabytes', { max: MAX_FILE_MEGABYTES })}</span>
            <input
              class="input input--compact"
              type="number"
              min={1}
              max={MAX_FILE_MEGABYTES}
              step={1}
              required
              value={form.maxMegabytes}
              onInput={(e) => set({ maxMegabytes: Number(e.currentTarget.value) })}
            />
          </label>
        </>
      )}
    </SettingsSection>
  );
}
