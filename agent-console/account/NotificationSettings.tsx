import { useState } from 'preact/hooks';
import type { NotificationPreferences } from '../../shared/contract';
import { askNotificationPermission, notificationPermission } from '../lib/browser-hooks';
import { useConsoleSession } from '../state/session-context';
import { useStore } from '../state/use-store';

const SWITCHES: ReadonlyArray<{
  key: keyof NotificationPreferences;
  label: 'notifications.desktop' | 'notifications.sound' | 'notifications.emailWhenOffline';
}> = [
  { key: 'desktop', label: 'notifications.desktop' },
  { key: 'sound', label: 'notifications.sound' },
  { key: 'emailWhenOffline', label: 'notifications.emailWhenOffline' },
];

/**
 * The agent's notification preferences (stored on their account) and the browser's permission, asked
 * only from this button: browsers ignore a request that no click started, and nothing asks on load.
 */
export function NotificationSettings() {
  const session = useConsoleSession();
  const { t, locale, dir } = useStore(session.i18n);
  const { preferences, save } = useStore(session.preferences.store);
  const [permission, setPermission] = useState(notificationPermission());

  return (
    <section class="card" lang={locale} dir={dir} aria-labelledby="notifications-title">
      <h2 id="notifications-title" class="card__title">
        {t('notifications.title')}
      </h2>
      <p class="muted">{t('notifications.hint')}</p>
      {permission === 'default' ? (
        <button type="button" class="button" onClick={() => void askNotificationPermission().then(setPermission)}>
          {t('notifications.permission.ask')}
        </button>
      ) : (
        <p role="status">{t(`notifications.permission.${permission}`)}</p>
      )}
      {SWITCHES.map(({ key, label }) => (
        <label key={key} class="check">
          <input
            type="checkbox"
            checked={preferences[key]}
            disabled={key === 'desktop' && permission !== 'granted'}
            onChange={(e) => void session.preferences.save({ [key]: e.currentTarget.checked })}
          />
          {t(label)}
        </label>
      ))}
      <button type="button" class="button" disabled={!preferences.sound} onClick={session.chime}>
        {t('notifications.playSound')}
      </button>
      {save.status === 'saved' && <p role="status">{t('notifications.saved')}</p>}
      {save.status === 'failed' && (
        <p class="form-error" role="alert">
          {t('notifications.failed', { message: save.error ?? '' })}
        </p>
      )}
    </section>
  );
}
