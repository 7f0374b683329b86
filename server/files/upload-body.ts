import type { Request } from 'express';
import { AppError } from '../errors/app-error';

/**
 * The request's body, up to `maxBytes`; past that `onTooLarge()` is thrown, before the rest arrives
 * when Content-Length says so. The rest of a refused body is left to Node, which drains it after the
 * response, so the client reads the refusal instead of a reset connection.
 */
export function readUpload(req: Request, maxBytes: number, onTooLarge: () => AppError): Promise<Buffer> {
  if (req.is('application/json') || req.is('application/x-www-form-urlencoded') || req.is('multipart/form-data')) {
    return Promise.reject(
      new AppError('invalid_payload', 'Send the file itself as the request body (for example as application/octet-stream).'),
    );
  }
  if (Number(req.headers['content-length']) > maxBytes) return Promise.reject(onTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      total += chunk.length;
      if (total > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(onTooLarge());
      } else chunks.push(chunk);
    });
    req.once('end', () => {
      if (refused) return;
      if (total === 0) reject(new AppError('invalid_payload', 'The file is empty.'));
      else resolve(Buffer.concat(chunks, total));
    });
    req.once('error', reject);
  });
}
