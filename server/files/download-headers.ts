import type { StoredFile } from '../data';
import { INLINE_TYPES } from './file-types';

/** `filename="…"` for old clients (ASCII only) and `filename*` with the real name. */
function dispositionName(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Headers of a file download: the type read from its bytes at upload, never sniffed again by the
 * browser; only raster images shown in place, everything else saved; and a policy under which nothing
 * in the response could run even if a browser rendered it as a page.
 */
export function downloadHeaders(file: Pick<StoredFile, 'name' | 'type' | 'size'>): Record<string, string> {
  const inline = INLINE_TYPES.has(file.type);
  return {
    'Content-Type': file.type === 'text/plain' ? 'text/plain; charset=utf-8' : file.type,
    'Content-Length': String(file.size),
    'Content-Disposition': `${inline ? 'inline' : 'attachment'}; ${dispositionName(file.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, max-age=3600',
  };
}
