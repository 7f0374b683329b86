import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { DATA_REQUEST_LINK_HOURS, DataRequestAction } from '../../shared/contract/visitor-privacy';
import { type LocaleCode, matchLocale } from '../../shared/i18n/locales';

/** Where an emailed data-request link leads: GET shows what it will do, POST does it. */
export const DATA_REQUEST_PATH = '/privacy/visitor';

/** What a data-request link lets its holder do: one action on the site's visitors stored with one address. */
export interface DataRequest {
  siteId: string;
  visitorIds: string[];
  action: DataRequestAction;
  /** The language the visitor asked in: the page speaks it too. */
  locale: LocaleCode;
}

export type DataRequestClaims = { valid: true; request: DataRequest; expired: boolean } | { valid: false };

/**
 * Signs and reads the token of a data-request link as `ResumeTokens` does its links: an HS256 JWT over
 * the server secret with a key of its own, so that it is never taken for another token. It proves that
 * whoever holds it reads the address's mail, and it expires; it is not spent on use (an erasure asked
 * twice is done once, and the export may be downloaded again until the link expires).
 */
export class DataRequestLinks {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    /** This server's public address (`PUBLIC_URL`, or the address it listens on). */
    private readonly serverUrl: () => string,
  ) {
    this.key = new TextEncoder().encode(`data-request:${secret}`);
  }

  /** The link a mail carries, valid `DATA_REQUEST_LINK_HOURS` from `now`. */
  async link(request: DataRequest, now: number): Promise<string> {
    const issuedAt = Math.floor(now / 1000);
    const token = await new SignJWT({ site: request.siteId, vis: request.visitorIds, act: request.action, loc: request.locale })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + DATA_REQUEST_LINK_HOURS * 3600)
      .sign(this.key);
    return `${this.serverUrl().replace(/\/$/, '')}${DATA_REQUEST_PATH}?t=${token}`;
  }

  /** The request of a token this server signed, expired or not (`expired` says); not valid when forged, altered or malformed. */
  async read(token: unknown, now: number): Promise<DataRequestClaims> {
    if (typeof token !== 'string') return { valid: false };
    let payload: JWTPayload;
    let expired = false;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], currentDate: new Date(now) }));
    } catch (err) {
      // Thrown only once the signature has been verified, so its payload is ours.
      if (!(err instanceof errors.JWTExpired)) return { valid: false };
      payload = err.payload;
      expired = true;
    }
    const { site, vis, act, loc } = payload;
    const action = DataRequestAction.safeParse(act);
    const locale = typeof loc === 'string' ? matchLocale(loc) : null;
    if (typeof site !== 'string' || !Array.isArray(vis) || !vis.every((id) => typeof id === 'string') || !action.success || !locale) {
      return { valid: false };
    }
    return { valid: true, request: { siteId: site, visitorIds: vis, action: action.data, locale }, expired };
  }
}
