import { createHmac, timingSafeEqual } from 'node:crypto';

/** Hex HMAC-SHA256 of `message` with the site secret; how shops sign webhooks and visitor identities. */
export function sign(secret: string, message: string | Buffer): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

/** Constant-time comparison of a claimed hex signature with the expected one. */
export function signatureMatches(secret: string, message: string | Buffer, claimed: string | undefined): boolean {
  if (!claimed || !/^[0-9a-f]{64}$/.test(claimed)) return false;
  return timingSafeEqual(Buffer.from(sign(secret, message), 'hex'), Buffer.from(claimed, 'hex'));
}

export const REPLAY_WINDOW_SECONDS = 5 * 60;

/** The signed message of a webhook: `<unix seconds>.<raw body>` (so the timestamp can't be swapped). */
export function webhookMessage(timestamp: string, rawBody: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${timestamp}.`), rawBody]);
}

/** Whether a webhook timestamp (unix seconds) is within the replay window of `nowMs`. */
export function isFresh(timestamp: string | undefined, nowMs: number): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= REPLAY_WINDOW_SECONDS;
}
