import type { TargetedEvent } from 'preact';
import { takesFocus, type ViewProps } from './view-props';

/** Shown instead of the composer while no agent is online: the question goes to the agents' inbox for later. */
export function OfflineForm({ state, session }: ViewProps) {
  const { t, offlineForm: form } = state;
  if (form.status === 'sent') {
    return (
      <p class="offline" role="status" {...takesFocus()}>
        {t('offline.sent', { name: form.name, email: form.email })}
      </p>
    );
  }
  const submit = (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const field = (name: string) => String(data.get(name) ?? '');
    void session.submitOffline({ name: field('name'), email: field('email'), question: field('question') });
  };
  const sending = form.status === 'sending';
  return (
    <form class="offline" onSubmit={submit} aria-labelledby="lc-offline-title">
      <h3 id="lc-offline-title">{t('offline.title')}</h3>
      <p>{t('offline.intro')}</p>
      <label class="field">
        {t('offline.name')}
        <input name="name" required maxLength={120} autocomplete="name" dir="auto" />
      </label>
      <label class="field">
        {t('offline.email')}
        <input name="email" type="email" required maxLength={254} autocomplete="email" dir="ltr" />
      </label>
      <label class="field">
        {t('offline.question')}
        {/* The unsent chat draft becomes the question, so nothing typed is lost. */}
        <textarea name="question" required maxLength={5000} rows={3} defaultValue={state.draft} dir="auto" />
      </label>
      {form.status === 'failed' && (
        <p class="error" role="alert">
          {t('offline.failed', { message: form.message })}
        </p>
      )}
      <button type="submit" class="button" disabled={sending}>
        {t(sending ? 'offline.sending' : 'offline.submit')}
      </button>
    </form>
  );
}
