import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

/** What a resume token opens: one conversation, of one visitor, on one site. */
export interface ResumeScope {
  siteId: string;
  conversationId: string;
  visitorId: string;
}

export interface ResumeClaims extends ResumeScope {
  /** The token's own id: used once, then refused (see ResumeExchange). */
  id: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  expired: boolean;
}

/**
 * Signs and reads the token that a "continue the conversation" link carries (HS256 JWT over the
 * server secret, a key of its own so that it is never taken for a visitor token or the reverse).
 */
export class ResumeTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    /** How long a link stays valid. */
    readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(`resume-token:${secret}`);
  }

  sign(scope: ResumeScope, now: number): Promise<string> {
    const issuedAt = Math.floor(now / 1000);
    return new SignJWT({ site: scope.siteId, vis: scope.visitorId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(scope.conversationId)
      .setJti(randomBytes(12).toString('base64url'))
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
  }

  /** The claims of a token this server signed, expired or not (`expired` says); null for a forged, altered or malformed one. */
  async read(token: string, now: number): Promise<ResumeClaims | null> {
    let payload: JWTPayload;
    let expired = false;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], currentDate: new Date(now) }));
    } catch (err) {
      // Thrown only once the signature has been verified, so its payload is ours.
      if (!(err instanceof errors.JWTExpired)) return null;
      payload = err.payload;
      expired = true;
    }
    const { sub, jti, exp, site, vis } = payload;
    if (
      typeof sub !== 'string' ||
      typeof jti !== 'string' ||
      typeof exp !== 'number' ||
      typeof site !== 'string' ||
      typeof vis !== 'string'
    ) {
      return null;
    }
    return { id: jti, siteId: site, conversationId: sub, visitorId: vis, expiresAt: exp * 1000, expired };
  }
}
