import { lazy } from './lazy';
import type { ReadyState } from './view-props';

const ResumeNotice = lazy(() => import('./resume/ResumeNotice').then((m) => m.ResumeNotice));

export function StatusBanner({ state }: { state: ReadyState }) {
  const { resume, connection } = state;
  // While a link's conversation opens, its notice says so in place of "Connecting…".
  const opening = resume === 'opening' && connection.status === 'connecting';
  return (
    <>
      {resume && (opening || resume !== 'opening') && <ResumeNotice state={state} />}
      {!opening && <ConnectionBanner state={state} />}
    </>
  );
}

function ConnectionBanner({ state: { connection, t } }: { state: ReadyState }) {
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
