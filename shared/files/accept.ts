import type { AttachmentSettings, FileKind } from '../contract/files';

/** Every type a site may accept, its kind and the file name extensions that fit it (the first is added when the name has none of them). */
export const ACCEPTED_TYPES: Readonly<Record<string, { kind: FileKind; extensions: readonly string[] }>> = {
  'image/png': { kind: 'images', extensions: ['png'] },
  'image/jpeg': { kind: 'images', extensions: ['jpg', 'jpeg'] },
  'image/webp': { kind: 'images', extensions: ['webp'] },
  'image/gif': { kind: 'images', extensions: ['gif'] },
  'application/pdf': { kind: 'pdf', extensions: ['pdf'] },
  'text/plain': { kind: 'text', extensions: ['txt', 'csv', 'log', 'md'] },
  // Office Open XML and OpenDocument without macros: file-type names macro-enabled files (docm, xlsm…)
  // and legacy binary Office files (cfb) apart, and those are refused.
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'office', extensions: ['docx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'office', extensions: ['xlsx'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { kind: 'office', extensions: ['pptx'] },
  'application/vnd.oasis.opendocument.text': { kind: 'office', extensions: ['odt'] },
  'application/vnd.oasis.opendocument.spreadsheet': { kind: 'office', extensions: ['ods'] },
  'application/vnd.oasis.opendocument.presentation': { kind: 'office', extensions: ['odp'] },
};

/** What a browser knows of a picked file: its name, the type it guesses from the name, and its size in bytes. */
export interface PickedFile {
  name: string;
  type: string;
  size: number;
}

/** Why a file is refused before it is sent; the server reads the type from the bytes and checks again. */
export type FileRefusal = 'too_large' | 'type_refused';

/** The kind a picked file claims by its type, else by its name's extension; null when no site accepts it. */
export function claimedKind(file: Pick<PickedFile, 'name' | 'type'>): FileKind | null {
  const byType = ACCEPTED_TYPES[file.type];
  if (byType) return byType.kind;
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
  return Object.values(ACCEPTED_TYPES).find((accepted) => extension && accepted.extensions.includes(extension))?.kind ?? null;
}

/** Whether the site takes this file: null when it may be sent. */
export function checkFile(file: PickedFile, settings: AttachmentSettings): FileRefusal | null {
  const kind = claimedKind(file);
  if (!kind || !settings.kinds.includes(kind)) return 'type_refused';
  return file.size > settings.maxMegabytes * 1_000_000 ? 'too_large' : null;
}

/** The `accept` attribute of a file input offering only what the site takes. */
export function acceptAttribute(settings: AttachmentSettings): string {
  return Object.entries(ACCEPTED_TYPES)
    .filter(([, accepted]) => settings.kinds.includes(accepted.kind))
    .flatMap(([type, accepted]) => [type, ...accepted.extensions.map((extension) => `.${extension}`)])
    .join(',');
}
