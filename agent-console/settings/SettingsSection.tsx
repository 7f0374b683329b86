import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { SiteSettings, SiteSettingsResponse, SiteSettingsUpdate } from '../../shared/contract';
import { describeFailure } from '../lib/describe-failure';

export interface SettingsSectionProps<Form> {
  id: string;
  title: ComponentChildren;
  /** The settings as last saved: the section's fields start from them and count as unsaved when they differ. */
  saved: SiteSettings;
  /** This section's fields, read from the saved settings. */
  read: (settings: SiteSettings) => Form;
  /** The update this section sends: its own settings and nothing else, so other sections' edits stay where they are. */
  write: (form: Form) => SiteSettingsUpdate;
  save: (update: SiteSettingsUpdate) => Promise<SiteSettingsResponse>;
  onSaved: (response: SiteSettingsResponse) => void;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  children: (form: Form, set: (patch: Partial<Form>) => void) => ComponentChildren;
}

type Outcome = { kind: 'ok' | 'error'; text: string } | null;

/** One section of the settings page: a form of its own with its own Save, outcome and unsaved-changes mark. */
export function SettingsSection<Form>(props: SettingsSectionProps<Form>) {
  const { id, title, saved, read, write, save, onSaved, lang, dir, children } = props;
  const [form, setForm] = useState<Form>(() => read(saved));
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const dirty = JSON.stringify(form) !== JSON.stringify(read(saved));
  const set = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setOutcome(null);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    try {
      const response = await save(write(form));
      setForm(read(response.settings));
      onSaved(response);
      setOutcome({ kind: 'ok', text: 'Saved. The changes apply within a few seconds, no restart needed.' });
    } catch (e) {
      setOutcome({ kind: 'error', text: describeFailure(e) });
    } finally {
      setSaving(false);
    }
  };

  const titleId = `${id}-title`;
  return (
    <form id={id} class="settings-section" aria-labelledby={titleId} onSubmit={submit}>
      <fieldset class="card" lang={lang} dir={dir}>
        <legend id={titleId} class="card__title">
          {title}
        </legend>
        {children(form, set)}
        <div class="settings-section__footer">
          {outcome && (
            <p class={outcome.kind === 'ok' ? 'notice' : 'form-error'} role={outcome.kind === 'ok' ? 'status' : 'alert'}>
              {outcome.text}
            </p>
          )}
          {dirty && !outcome && <span class="settings-section__dirty">Unsaved changes</span>}
          <button type="submit" class="button button--primary" disabled={saving || !dirty}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
