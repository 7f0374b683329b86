import type { FileUploads } from '../state/file-uploads';
import { useFilesText } from './files-text';
import { useStore } from '../state/use-store';

/** The conversation's files on their way, with progress and Cancel, and those that failed, with why. */
export function UploadList({ uploads, conversationId }: { uploads: FileUploads; conversationId: string }) {
  const text = useFilesText();
  const { uploads: all, settings } = useStore(uploads.store);
  const shown = all.filter((u) => u.conversationId === conversationId);
  if (shown.length === 0) return null;
  return (
    <ul class="uploads">
      {shown.map((upload) => {
        const { clientId, name } = upload;
        return (
          <li key={clientId} class={`upload upload--${upload.state}`}>
            {upload.state === 'uploading' ? (
              <>
                <span class="upload__name">{name}</span>
                <span class="upload__size muted">{text.size(upload.size)}</span>
                <progress class="upload__progress" aria-label={text.t('uploading', { name })} max={upload.size || 1} value={upload.sent} />
                <button
                  type="button"
                  class="button button--small"
                  aria-label={text.t('cancelUpload', { name })}
                  onClick={() => uploads.cancel(clientId)}
                >
                  {text.t('cancel')}
                </button>
              </>
            ) : (
              <>
                <span class="upload__error" role="alert">
                  {text.refusal(name, upload.reason ?? 'internal', settings)}
                </span>
                {upload.retryable && (
                  <button type="button" class="button button--small" onClick={() => uploads.retry(clientId)}>
                    {text.t('retry')}
                  </button>
                )}
                <button type="button" class="button button--small button--ghost" onClick={() => uploads.dismiss(clientId)}>
                  {text.t('dismiss')}
                </button>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Shown over the conversation while files are dragged onto it. */
export function FileDropHint() {
  const { t } = useFilesText();
  return (
    <div class="file-drop" aria-hidden="true">
      <span class="file-drop__text">{t('drop')}</span>
    </div>
  );
}
