import { sign, signatureMatches } from '../edge/signature';

/** How long a visitor's file link lives at least (and at most twice that). */
export const FILE_LINK_TTL_SECONDS = 3600;

export interface SignedLink {
  url: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export type LinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Signed, expiring addresses of stored files, for visitors (agents fetch with their session):
 * `/api/files/<id>?exp=<unix seconds>&sig=<HMAC-SHA256 of "<id>.<exp>">`, keyed by the server secret
 * under a name of its own, so a file signature is never any other token's.
 */
export class FileLinks {
  private readonly key: string;

  constructor(
    secret: string,
    /** A link lives between one and two of these: expiries are rounded up to a multiple, so a file keeps one address (and browser cache entry) for a while. */
    private readonly ttlSeconds: number,
    private readonly baseUrl: () => string,
  ) {
    this.key = `file-link:${secret}`;
  }

  link(fileId: string, now: number): SignedLink {
    const exp = (Math.floor(now / 1000 / this.ttlSeconds) + 2) * this.ttlSeconds;
    const sig = sign(this.key, `${fileId}.${exp}`);
    return { url: `${this.baseUrl()}/api/files/${fileId}?exp=${exp}&sig=${sig}`, expiresAt: exp * 1000 };
  }

  check(fileId: string, exp: string, sig: string, now: number): LinkCheck {
    if (!signatureMatches(this.key, `${fileId}.${exp}`, sig)) return 'invalid';
    return Number(exp) * 1000 > now ? 'valid' : 'expired';
  }
}
