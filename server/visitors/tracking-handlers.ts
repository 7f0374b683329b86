import type { trackingRequests } from '../../shared/contract';
import type { VisitorSocket } from '../realtime/namespaces';
import type { RequestHandlers } from '../edge/socket-handler';
import type { SiteDirectory } from '../sites/site-directory';
import { signatureMatches } from '../edge/signature';
import type { DomainEventPublisher } from '../events/domain-events';
import type { LifecycleService } from './lifecycle-service';

/** The widget's tracking events and the host page's `identify()`. */
export function trackingHandlers(
  lifecycle: LifecycleService,
  sites: SiteDirectory,
  /** Publishes `visitor.identified` when the visitor's name or email changed (inbox search finds their conversation by it). */
  events: DomainEventPublisher,
) {
  return (socket: VisitorSocket): RequestHandlers<typeof trackingRequests> => {
    const { siteId, visitorId } = socket.data;
    return {
      track: async (event) => {
        const pageType = await lifecycle.track(siteId, visitorId, event);
        if (pageType) socket.data.pageType = pageType;
        return null;
      },
      'visitor:identify': async ({ id, name, email, signature }) => {
        const { site } = await sites.get(siteId);
        // Unsigned identities are kept as display details only; purchase history needs the shop's signature.
        const verified = signatureMatches(site.secret, id, signature);
        await lifecycle.update(visitorId, (visitor) => ({
          ...visitor,
          name: name ?? visitor.name,
          email: email ?? visitor.email,
          customerId: verified ? id : visitor.customerId,
          identified: visitor.identified || verified,
        }));
        if (name || email) await events.publish('visitor.identified', { visitorId, name, email });
        return { verified };
      },
    };
  };
}
