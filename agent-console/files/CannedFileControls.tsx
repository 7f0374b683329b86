import { useEffect, useState } from 'preact/hooks';
import { RestError } from '../../shared/client/rest-client';
import type { AttachmentSettings, CannedResponse } from '../../shared/contract';
import { checkFile } from '../../shared/files/accept';
import { createFilesApi, type FilesApi } from '../api/files-api';
import { AttachButton, acceptFor } from './AttachButton';
import { useFilesText } from './files-text';

let shared: FilesApi | undefined;
const defaultApi = () => {
  shared ??= createFilesApi();
  return shared;
};
/** The site's limits, asked once for all the rows of the list. */
const limitsOf = new WeakMap<FilesApi, Promise<AttachmentSettings | null>>();
function limits(api: FilesApi): Promise<AttachmentSettings | null> {
  let loaded = limitsOf.get(api);
  if (!loaded) {
    loaded = api.settings().catch(() => {
      limitsOf.delete(api);
      return null;
    });
    limitsOf.set(api, loaded);
  }
  return loaded;
}

interface CannedFileControlsProps {
  response: CannedResponse;
  onSaved: (response: CannedResponse) => void;
  api?: FilesApi;
}

/** Admins: the file a canned response sends with its text; attach, replace or remove it. */
export function CannedFileControls({ response, onSaved, api = defaultApi() }: CannedFileControlsProps) {
  const text = useFilesText();
  const { t } = text;
  const [upload, setUpload] = useState<{ name: string; sent: number; total: number; abort: () => void } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [settings, setSettings] = useState<AttachmentSettings | null>(null);
  useEffect(() => void limits(api).then(setSettings), [api]);
  const { attachment, shortcut } = response;

  const attach = async ([file]: File[]) => {
    if (!file) return;
    setError(null);
    let site = settings ?? (await limits(api));
    if (site && checkFile(file, site)) {
      // An admin may have changed them since they were loaded: ask again before refusing.
      limitsOf.delete(api);
      site = (await limits(api)) ?? site;
      setSettings(site);
    }
    const refusal = site && checkFile(file, site);
    if (refusal) {
      setError(text.refusal(file.name, refusal, site));
      return;
    }
    const request = api.attachToCanned(shortcut, file, (sent, total) => setUpload((u) => u && { ...u, sent, total }));
    setUpload({ name: file.name, sent: 0, total: file.size, abort: request.abort });
    try {
      onSaved((await request.done).response);
    } catch (e) {
      setError(text.refusal(file.name, e instanceof RestError ? e.code : 'internal', site));
    }
    setUpload(null);
  };

  const remove = () => api.detachFromCanned(shortcut).then(onSaved, () => setError(t('canned.removeFailed', { shortcut })));

  return (
    <div class="canned-list__file">
      {attachment && <span>{t('canned.file', { name: attachment.name, size: text.size(attachment.size) })}</span>}
      {upload ? (
        <>
          <progress aria-label={t('uploading', { name: upload.name })} max={upload.total || 1} value={upload.sent} />
          <button
            type="button"
            class="button button--small"
            onClick={() => {
              upload.abort();
              setUpload(null);
            }}
          >
            {t('cancel')}
          </button>
        </>
      ) : (
        <>
          <AttachButton
            single
            accept={acceptFor(settings)}
            disabled={false}
            class="button button--small"
            text={attachment ? t('canned.replace') : t('canned.attach')}
            label={attachment ? t('canned.replaceOf', { shortcut }) : t('canned.attachTo', { shortcut })}
            onFiles={(files) => void attach(files)}
          />
          {attachment && (
            <button
              type="button"
              class="button button--small"
              aria-label={t('canned.removeOf', { shortcut })}
              onClick={() => void remove()}
            >
              {t('canned.remove')}
            </button>
          )}
        </>
      )}
      {error && (
        <span class="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
