import type { Redis } from 'ioredis';
import { conversations, visitors } from '../data';
import { AppError } from '../errors/app-error';
import type { Clock } from '../infra/clock';
import type { ResumeClaims, ResumeTokens } from './resume-tokens';

/** A used token's id is remembered a little past the token's expiry, so it can never be used twice. */
const USED_MARGIN_MS = 60_000;

const INVALID = 'This link is not valid. Open the latest link we emailed you, or write to us here.';

/**
 * Trades a resume token for the conversation's visitor: checks the signature, the site, the
 * conversation's owner and the expiry, then spends the token (its id in Redis, `SET NX`, so a link
 * opens once across every server process).
 */
export class ResumeExchange {
  constructor(
    private readonly tokens: ResumeTokens,
    private readonly redis: Redis,
    private readonly clock: Clock,
  ) {}

  /**
   * The visitor the token gives `siteId`'s widget, refused with `resume_invalid` (forged, altered,
   * another site's, or naming a conversation its visitor does not own), `resume_expired` or
   * `resume_used`. A browser that already is that visitor (`currentVisitorId`) spends nothing and is
   * never refused an expired or used link: it learns nothing it does not hold.
   */
  async exchange(token: string, siteId: string, currentVisitorId: string | null): Promise<ResumeClaims> {
    const now = this.clock.now();
    const claims = await this.tokens.read(token, now);
    if (!claims || claims.siteId !== siteId) throw new AppError('resume_invalid', INVALID);
    if (claims.visitorId === currentVisitorId) return claims;
    if (claims.expired) {
      throw new AppError('resume_expired', 'This link has expired. Write to us here, or open the latest link we emailed you.');
    }
    const [conversation, visitor] = await Promise.all([conversations.byId(claims.conversationId), visitors.byId(claims.visitorId)]);
    const owned =
      conversation?.siteId.toHexString() === siteId &&
      conversation.visitorId.toHexString() === claims.visitorId &&
      visitor?.siteId.toHexString() === siteId;
    if (!owned) throw new AppError('resume_invalid', INVALID);
    const spent = await this.redis.set(`resume:used:${claims.id}`, '1', 'PX', claims.expiresAt - now + USED_MARGIN_MS, 'NX');
    if (spent !== 'OK') {
      throw new AppError(
        'resume_used',
        'This link has already been used to open the conversation. On that device it stays open; here, open the latest link we emailed you.',
      );
    }
    return claims;
  }
}
