import { VisitorHandshake } from '../../shared/contract';
import { toHandshakeError } from '../edge/socket-handler';
import type { RateLimits } from '../edge/rate-limits';
import type { Logger } from '../infra/logger';
import type { VisitorNamespace, VisitorSocket } from '../realtime/namespaces';
import type { SiteDirectory } from '../sites/site-directory';
import type { VisitorTokens } from '../visitors/visitor-token';
import type { ResumeExchange } from './resume-exchange';

interface Deps {
  exchange: ResumeExchange;
  tokens: VisitorTokens;
  sites: SiteDirectory;
  limits: RateLimits;
  ipOf(socket: VisitorSocket): string;
  log: Logger;
}

/**
 * The `/visitor` handshake of a widget opened from an emailed link (`auth.resume`): spends the token
 * and hands the handshake the conversation's visitor token in place of the browser's own, so the
 * visitor gateway (registered after this) identifies that visitor and the widget stores the token it
 * syncs; the socket also names the link's conversation, which the first sync shows even if it has
 * closed meanwhile. A refused link refuses the handshake with its code; the widget then shows why and connects
 * without it. Registered before the gateway, so opening a link on a new device creates no visitor.
 */
export function resumeOnHandshake(ns: VisitorNamespace, { exchange, tokens, sites, limits, ipOf, log }: Deps): void {
  ns.use((socket, next) => {
    const auth = socket.handshake.auth as { siteKey?: unknown; token?: unknown; resume?: unknown };
    if (auth.resume === undefined) return next();
    const resume = async (): Promise<void> => {
      await limits.resumeAttempt(ipOf(socket));
      const handshake = VisitorHandshake.safeParse(auth);
      const site = handshake.success ? await sites.byPublicKey(handshake.data.siteKey) : null;
      // No valid handshake or site: the gateway refuses it with its own code.
      if (!handshake.success || !handshake.data.resume || !site) return;
      const siteId = site._id.toHexString();
      const current = await tokens.verify(handshake.data.token);
      const claims = await exchange.exchange(handshake.data.resume, siteId, current?.siteId === siteId ? current.visitorId : null);
      auth.token = await tokens.sign({ visitorId: claims.visitorId, siteId });
      socket.data.resumedConversationId = claims.conversationId;
    };
    resume().then(
      () => next(),
      (err: unknown) => next(toHandshakeError(err, log)),
    );
  });
}
