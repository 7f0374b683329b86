import type { ReadyState } from './view-props';

export function StatusBanner({ state: { connection, t } }: { state: ReadyState }) {
  switch (connection.status) {
    case 'connected':
      return null;
    case 'connecting':
      return (
        <p class="banner" role="status">
          {t('status.connecting')}
        </p>
      );
    case 'reconnecting':
      return (
        <p class="banner banner--warning" role="status">
          {t('status.reconnecting')}
        </p>
      );
    case 'failed': {
      const { code, message } = connection.error;
      return (
        <p class="banner banner--error" role="alert">
          {code === 'site_unknown' || code === 'origin_not_allowed' ? t(`error.${code}`) : t('error.other', { message })}
        </p>
      );
    }
  }
}
