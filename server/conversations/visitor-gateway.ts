import { Types } from 'mongoose';
import { VisitorHandshake, visitorRequests } from '../../shared/contract';
import { AppError } from '../errors/app-error';
import { registerRequests, toHandshakeError } from '../edge/socket-handler';
import type { Logger } from '../infra/logger';
import { visitors, type Visitor } from '../data';
import type { SiteDirectory } from '../sites/site-directory';
import type { VisitorTokens } from '../visitors/visitor-token';
import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { ConversationStore } from './conversation-store';
import { rooms } from '../realtime/rooms';
import type { ChatNamespaces, VisitorDomainHandlers, VisitorSocketData } from '../realtime/namespaces';
import { toMessage } from './serialize';

interface Deps {
  ns: ChatNamespaces;
  tokens: VisitorTokens;
  sites: SiteDirectory;
  store: ConversationStore;
  events: DomainEventPublisher;
  domains: VisitorDomainHandlers;
  agentsOnline(siteId: string): Promise<boolean>;
  clock: Clock;
  log: Logger;
}

/** The widget's side of a conversation: identity, history, sending, typing. */
export function attachVisitorGateway({ ns, tokens, sites, store, events, domains, agentsOnline, clock, log }: Deps): void {
  ns.visitors.use((socket, next) => {
    identifyVisitor(socket.handshake.auth, socket.handshake.headers.origin, tokens, sites, clock, log).then(
      (data) => {
        socket.data = data;
        next();
      },
      (err: unknown) => next(toHandshakeError(err, log)),
    );
  });

  ns.visitors.on('connection', (socket) => {
    const { siteId, visitorId } = socket.data;
    void socket.join([rooms.visitor(visitorId), rooms.siteVisitors(siteId)]);
    const loadVisitor = async (): Promise<Visitor> => {
      const visitor = await visitors.byId(visitorId);
      if (!visitor) throw new AppError('not_found', 'This visitor no longer exists.');
      return visitor;
    };

    registerRequests(
      socket,
      visitorRequests,
      {
        'visitor:sync': async ({ afterSeq }) => {
          const [conversation, site, visitor, online] = await Promise.all([
            store.findOpenConversation(new Types.ObjectId(visitorId)),
            sites.get(siteId).then(
              ({ site }) => site,
              () => null,
            ),
            loadVisitor(),
            agentsOnline(siteId),
          ]);
          const messages = conversation ? await store.messagesAfter(conversation._id, afterSeq) : [];
          return {
            visitorId,
            token: socket.data.token,
            site: { name: site?.name ?? '', greeting: site?.greeting ?? '', locale: site?.locale ?? null, locales: site?.locales ?? [] },
            conversationId: conversation?._id.toHexString() ?? null,
            messages: messages.map(toMessage),
            stage: visitor.stage,
            agentsOnline: online,
          };
        },
        'message:send': async ({ clientId, text }) => {
          const conversation =
            (await store.findOpenConversation(new Types.ObjectId(visitorId))) ?? (await store.startConversation(await loadVisitor()));
          const posted = await store.postMessage({ conversation, clientId, author: 'visitor', text });
          const stored = { conversation: posted.conversation, message: posted.message };
          // A re-send of a stored message is delivered again: the process that stored it may have died
          // before broadcasting it, and this re-send is then the only chance to deliver it. Clients merge by id.
          if (!posted.created) void events.publish('message.resent', stored);
          else void events.publish('visitor.messaged', { ...stored, siteId, visitorId, onProductPage: socket.data.pageType === 'product' });
          return { message: toMessage(posted.message) };
        },
        'typing:set': async ({ typing }) => {
          const conversation = await store.findOpenConversation(new Types.ObjectId(visitorId));
          if (conversation) {
            const conversationId = conversation._id.toHexString();
            ns.agents.to(rooms.conversation(conversationId)).emit('typing:changed', { conversationId, typing });
          }
          return null;
        },
        ...domains.tracking(socket),
        ...domains.escalation(socket),
        ...domains.kb(socket),
        ...domains.workplace(socket),
        ...domains.mail(socket),
      },
      log,
    );
  });
}

/** Resolves the site from its public key and the visitor from a valid token, or creates a new visitor. */
async function identifyVisitor(
  auth: unknown,
  origin: string | undefined,
  tokens: VisitorTokens,
  sites: SiteDirectory,
  clock: Clock,
  log: Logger,
): Promise<VisitorSocketData> {
  const handshake = VisitorHandshake.safeParse(auth);
  if (!handshake.success) throw new AppError('invalid_payload', 'The widget sent no site key.');
  const site = await sites.byPublicKey(handshake.data.siteKey);
  if (!site) throw new AppError('site_unknown', 'This chat is not configured: unknown site key.');
  if (site.allowedOrigins.length > 0 && (!origin || !site.allowedOrigins.includes(origin))) {
    throw new AppError('origin_not_allowed', 'This website is not allowed to use this chat.');
  }
  const siteId = site._id.toHexString();
  const claims = await tokens.verify(handshake.data.token);
  const stored = claims?.siteId === siteId ? await visitors.byId(claims.visitorId) : null;
  const known = stored?.siteId.equals(site._id) ? stored : null;
  if (known) markSeen(known._id, dateOf(clock), log);
  const visitor = known ?? (await visitors.create({ siteId: site._id }));
  const visitorId = visitor._id.toHexString();
  const token = known && handshake.data.token ? handshake.data.token : await tokens.sign({ visitorId, siteId });
  return { siteId, visitorId, token };
}

/**
 * Records a returning visitor's visit through the visitor's write path, after the handshake: a tab
 * opening never waits for the visitor's other writes, and the time only moves forward.
 */
function markSeen(visitorId: Types.ObjectId, at: Date, log: Logger): void {
  visitors
    .update(visitorId, (visitor) => (at > visitor.lastSeenAt ? { ...visitor, lastSeenAt: at } : null))
    .catch((err: unknown) => log.warn({ err, visitorId: visitorId.toHexString() }, 'could not record a returning visit'));
}
