import { fileTypeFromBuffer } from 'file-type';
import type { AttachmentSettings } from '../../shared/contract';
import { ACCEPTED_TYPES } from '../../shared/files/accept';
import { AppError } from '../errors/app-error';

/** Types a browser may show in a page: raster images, which run nothing. Everything else is served as a download. */
export const INLINE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/** Markup a browser would render or run if it ever took the text for HTML, SVG or XML. */
const MARKUP = /<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|link|style|form|img|a\s)|<\?xml/i;
/** Control characters plain text does not contain (tab, line feed, form feed and carriage return aside). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** What a stored name drops: control characters (C0 and C1) and quotes. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
const NAME_UNSAFE = /[\u0000-\u001f\u007f-\u009f"]/g;

/** Whether the bytes are UTF-8 text with no control characters and no markup. */
export function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !CONTROL.test(text) && !MARKUP.test(text);
}

/** The type of the bytes, read from them alone; null when they are nothing a site may accept. */
export async function sniffType(bytes: Uint8Array): Promise<string | null> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return ACCEPTED_TYPES[detected.mime] ? detected.mime : null;
  return isPlainText(bytes) ? 'text/plain' : null;
}

export function megabytes(settings: AttachmentSettings): number {
  return settings.maxMegabytes * 1_000_000;
}

export function tooLarge(settings: AttachmentSettings): AppError {
  return new AppError('too_large', `This file is too large: the limit is ${settings.maxMegabytes} MB.`);
}

/** The accepted type of the bytes under the site's settings, or `type_refused`. */
export async function acceptedType(bytes: Uint8Array, settings: AttachmentSettings): Promise<string> {
  const type = await sniffType(bytes);
  const kind = type ? ACCEPTED_TYPES[type]?.kind : undefined;
  if (!type || !kind || !settings.kinds.includes(kind)) {
    const allowed = settings.kinds.length > 0 ? `Accepted: ${settings.kinds.join(', ')}.` : 'This site accepts no files.';
    throw new AppError('type_refused', `This kind of file cannot be sent. ${allowed}`);
  }
  return type;
}

/**
 * A name safe to store and send back in a header: no folders, no control characters, at most 200
 * characters, and an extension that fits the type (added when the name claimed another one).
 */
export function fileName(claimed: string, type: string): string {
  const base = (claimed.split(/[\\/]/).pop() ?? '').replace(NAME_UNSAFE, '').trim() || 'file';
  const extensions = ACCEPTED_TYPES[type]?.extensions ?? [];
  const extension = /\.([^.]+)$/.exec(base)?.[1]?.toLowerCase();
  const named = extension && extensions.includes(extension) ? base : `${base}.${extensions[0] ?? 'bin'}`;
  return named.length <= 200 ? named : named.slice(named.length - 200);
}
