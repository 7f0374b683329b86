import { SignJWT, jwtVerify } from 'jose';

export interface VisitorClaims {
  visitorId: string;
  siteId: string;
}

/** Signs and checks the widget's visitor token (HS256 JWT): it proves which visitor a browser is. */
export class VisitorTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(`visitor-token:${secret}`);
  }

  sign(claims: VisitorClaims): Promise<string> {
    return new SignJWT({ site: claims.siteId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.visitorId)
      .setIssuedAt()
      .setExpirationTime('365d')
      .sign(this.key);
  }

  /** Returns the claims of a valid token, or null for a missing, forged or expired one. */
  async verify(token: string | undefined): Promise<VisitorClaims | null> {
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      return typeof payload.sub === 'string' && typeof payload.site === 'string' ? { visitorId: payload.sub, siteId: payload.site } : null;
    } catch {
      return null;
    }
  }
}
