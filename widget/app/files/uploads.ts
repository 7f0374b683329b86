// The visitor's files on their way: checked against the site's limits before anything is sent, then
// sent over HTTP (XMLHttpRequest reports upload progress; fetch does not) with the visitor's token.
// A retry sends the same client id again, so however often it is tried the file is one message.
import { createClientId } from '../../../shared/client/client-id';
import type { ErrorCode, VisitorUploadResponse } from '../../../shared/contract';
import { endpoints } from '../../../shared/contract/endpoints';
import type { FilesKey } from '../../../shared/i18n/catalogs/files';
import { checkFile, type FileRefusal } from '../../../shared/files/accept';
import type { SessionParts } from '../chat-session';
import { serverUrl } from '../server-url';
import { bearer } from '../bearer';
import { remember } from './links';

export interface Upload {
  clientId: string;
  file: File;
  /** Bytes sent so far. */
  sent: number;
  /** Why it stopped (a text of the files catalog); null while it is on its way. */
  error: FilesKey | null;
  /** Whether sending it again may work (a refusal for its size or type never will). */
  retryable: boolean;
  /** Stops it while on its way. */
  abort?: () => void;
}

/** What a refusal (the widget's check or the server's) means to the visitor; any other failure is `files.failed`. */
const REFUSALS: Partial<Record<ErrorCode | FileRefusal, FilesKey>> = {
  too_large: 'files.tooLarge',
  type_refused: 'files.refused',
  rate_limited: 'files.tooFast',
};
const FINAL: ReadonlySet<FilesKey> = new Set(['files.tooLarge', 'files.refused']);

function update(files: SessionParts, clientId: string, patch: Partial<Upload> | null): void {
  files.store.set(({ uploads = [] }) => ({
    uploads: patch
      ? uploads.map((upload) => (upload.clientId === clientId ? { ...upload, ...patch } : upload))
      : uploads.filter((upload) => upload.clientId !== clientId),
  }));
}

function failed(files: SessionParts, clientId: string, error: FilesKey): void {
  update(files, clientId, { error, retryable: !FINAL.has(error), abort: undefined });
}

/** Sends a file, again after a failure: the same client id, so it becomes one message however often it is tried. */
export function send(files: SessionParts, { clientId, file }: Upload): void {
  const xhr = new XMLHttpRequest();
  const query = new URLSearchParams({ name: file.name, clientId });
  xhr.open('POST', serverUrl(`${endpoints.files.visitorUpload.path}?${query}`));
  xhr.setRequestHeader('Authorization', bearer(files.deps.store));
  xhr.setRequestHeader('Content-Type', 'application/octet-stream');
  xhr.responseType = 'json';
  xhr.upload.onprogress = (event) => update(files, clientId, { sent: event.loaded });
  xhr.onload = () => {
    if (xhr.status === 201) {
      const { message, links } = xhr.response as VisitorUploadResponse;
      if (message.attachment) remember(message.attachment.id, links);
      files.core.receive([message]);
      update(files, clientId, null);
    } else {
      const code = (xhr.response as { error?: { code?: ErrorCode } } | null)?.error?.code;
      failed(files, clientId, (code && REFUSALS[code]) || 'files.failed');
    }
  };
  xhr.onerror = () => failed(files, clientId, 'files.failed');
  update(files, clientId, { sent: 0, error: null, abort: () => xhr.abort() });
  xhr.send(file);
}

/** Checks and sends the files dropped, pasted or picked (`target`: where); ignored where the site takes no files. */
export function attach(files: SessionParts, picked: readonly File[], target: EventTarget | null): void {
  // The file input forgets its choice, so that picking the same file again sends it again.
  if (target instanceof HTMLInputElement && target.type === 'file') target.value = '';
  const settings = files.store.get().site?.attachments;
  if (!settings?.kinds.length) return;
  const added = picked.map((file): Upload => {
    const refusal = checkFile(file, settings);
    const error = refusal && (REFUSALS[refusal] ?? 'files.failed');
    return { clientId: createClientId(), file, sent: 0, error, retryable: false };
  });
  files.store.set(({ uploads = [] }) => ({ view: 'chat', uploads: [...uploads, ...added] }));
  for (const upload of added) if (!upload.error) send(files, upload);
}

/** Stops a file on its way, or dismisses a refused one. */
export function drop(files: SessionParts, upload: Upload): void {
  upload.abort?.();
  update(files, upload.clientId, null);
}
