import { filesText } from '../../../shared/i18n/catalogs/files';
import type { ViewProps } from '../view-props';
import { adoptFilesStyles } from './styles';
import { drop, send } from './uploads';

/** The visitor's files on their way (progress and Cancel) and the ones refused (why, and Try again where it may work). */
export function Uploads({ state, session }: ViewProps) {
  const t = filesText(state.locale);
  const max = new Intl.NumberFormat(state.locale).format(state.site?.attachments?.maxMegabytes ?? 0);
  return (
    <div class="uploads" ref={adoptFilesStyles}>
      {state.uploads?.map((upload) => {
        const { name, size } = upload.file;
        const percent = Math.round((100 * upload.sent) / (size || 1));
        return (
          <div key={upload.clientId} class="message message--mine">
            {upload.error ? (
              <p class="upload error" role="alert">
                {t(upload.error, { name, max })}{' '}
                {upload.retryable && (
                  <button type="button" class="link-button" onClick={() => send(session.parts, upload)}>
                    {t('files.retry')}
                  </button>
                )}{' '}
                <button type="button" class="link-button" onClick={() => drop(session.parts, upload)}>
                  {t('files.dismiss')}
                </button>
              </p>
            ) : (
              <p class="upload">
                <span dir="auto">{name}</span>
                <span
                  class="progress"
                  role="progressbar"
                  aria-label={t('files.sending', { name })}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={percent}
                >
                  <span style={{ width: `${percent}%` }} />
                </span>
                <button type="button" class="link-button" onClick={() => drop(session.parts, upload)}>
                  {t('files.cancel')}
                </button>
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
