import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where the unsubscribe page lives (GET shows it, POST unsubscribes: the link and the one-click `List-Unsubscribe-Post`). */
export const UNSUBSCRIBE_PATH = '/mail/unsubscribe';

/**
 * The token of a visitor's unsubscribe link: `<visitor id>.<HMAC-SHA256 of it with the server secret>`.
 * It never expires (an old mail's link still works) and names nothing but the visitor.
 */
export class UnsubscribeTokens {
  private readonly key: string;

  constructor(secret: string) {
    this.key = `mail-unsubscribe:${secret}`;
  }

  sign(visitorId: string): string {
    return `${visitorId}.${this.mac(visitorId)}`;
  }

  /** The visitor id of a valid token, else null. */
  verify(token: unknown): string | null {
    if (typeof token !== 'string') return null;
    const match = /^([0-9a-f]{24})\.([\w-]{43})$/.exec(token);
    if (!match) return null;
    const [, visitorId, mac] = match as unknown as [string, string, string];
    return timingSafeEqual(Buffer.from(mac), Buffer.from(this.mac(visitorId))) ? visitorId : null;
  }

  /** The link a mail carries. */
  link(baseUrl: string, visitorId: string): string {
    return `${baseUrl.replace(/\/$/, '')}${UNSUBSCRIBE_PATH}?t=${this.sign(visitorId)}`;
  }

  private mac(visitorId: string): string {
    return createHmac('sha256', this.key).update(visitorId).digest('base64url');
  }
}
