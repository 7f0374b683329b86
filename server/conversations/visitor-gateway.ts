import { Types } from 'mongoose';
import { DEFAULT_ATTACHMENTS, DEFAULT_CONTINUITY, VisitorHandshake, visitorRequests } from '../../shared/contract';
import { AppError } from '../errors/app-error';
import { registerRequests, toHandshakeError } from '../edge/socket-handler';
import type { Logger } from '../infra/logger';
import { visitors, type Visitor } from '../data';
import { publicBranding } from '../sites/public-branding';
import type { SiteDirectory } from '../sites/site-directory';
import type { VisitorTokens } from '../visitors/visitor-token';
import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { ConversationStore } from './conversation-store';
import { rooms } from '../realtime/rooms';
import type { ChatNamespaces, VisitorDomainHandlers, VisitorSocketData } from '../realtime/namespaces';
import { replyExpectation } from './reply-expectation';
import { toMessage } from './serialize';
import { visitorConversationItems } from './visitor-conversations';

interface Deps {
  ns: ChatNamespaces;
  tokens: VisitorTokens;
  sites: SiteDirectory;
  store: ConversationStore;
  events: DomainEventPublisher;
  domains: VisitorDomainHandlers;
  agentsOnline(siteId: string): Promise<boolean>;
  /** The site's first-response times of late, in seconds (analytics' ReplyTimes). */
  recentReplySeconds(siteId: string, now: number): Promise<number[]>;
  /** This server's origin: its own pages (the demo shop, the hosted conversation page) may use any site's widget. */
  ownOrigin(): string;
  clock: Clock;
  log: Logger;
}

/** The widget's side of a conversation: identity, history, sending, typing, the email step and the visitor's earlier conversations. */
export function attachVisitorGateway(deps: Deps): void {
  const { ns, tokens, sites, store, events, domains, agentsOnline, recentReplySeconds, clock, log } = deps;
  ns.visitors.use((socket, next) => {
    identifyVisitor(socket.handshake.auth, socket.handshake.headers.origin, deps.ownOrigin(), tokens, sites, clock, log).then(
      (data) => {
        // Kept: what the resume link's handshake (server/resume) set before this ran.
        socket.data = { ...socket.data, ...data };
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
    /** One of this visitor's conversations; anyone else's is "not found". */
    const ownConversation = async (id: string) => {
      const conversation = await store.requireConversation(id, new Types.ObjectId(siteId));
      if (!conversation.visitorId.equals(visitorId)) throw new AppError('not_found', 'No such conversation.');
      return conversation;
    };
    /**
     * What the widget shows: the open conversation; else, on a socket opened from a resume link, the
     * link's conversation (closed meanwhile), so its reply shows and writing continues it in a new one.
     */
    const shownConversation = async () =>
      (await store.findOpenConversation(new Types.ObjectId(visitorId))) ??
      (socket.data.resumedConversationId ? await ownConversation(socket.data.resumedConversationId).catch(() => null) : null);
    /** The closed conversation a new one continues: the one the widget showed when the visitor wrote. */
    const continued = async (shown: string | undefined): Promise<Types.ObjectId | null> => {
      const conversation = shown ? await ownConversation(shown).catch(() => null) : null;
      return conversation?.status === 'closed' ? conversation._id : null;
    };

    registerRequests(
      socket,
      visitorRequests,
      {
        'visitor:sync': async ({ afterSeq }) => {
          const now = clock.now();
          const [conversation, site, visitor, online, replySeconds] = await Promise.all([
            shownConversation(),
            sites.get(siteId).then(
              ({ site }) => site,
              () => null,
            ),
            loadVisitor(),
            agentsOnline(siteId),
            recentReplySeconds(siteId, now),
          ]);
          const messages = conversation ? await store.messagesAfter(conversation._id, afterSeq) : [];
          socket.data.locale = visitor.locale ?? undefined;
          return {
            visitorId,
            token: socket.data.token,
            site: {
              name: site?.name ?? '',
              greeting: site?.greeting ?? '',
              locale: site?.locale ?? null,
              locales: site?.locales ?? [],
              attachments: site?.attachments ?? DEFAULT_ATTACHMENTS,
              branding: publicBranding(site),
            },
            conversationId: conversation?._id.toHexString() ?? null,
            messages: messages.map(toMessage),
            stage: visitor.stage,
            agentsOnline: online,
            expectation: replyExpectation(site?.businessHours ?? null, replySeconds, new Date(now)),
            email: visitor.email ?? null,
            emailPromptMinutes: (site?.continuity ?? DEFAULT_CONTINUITY).emailPromptMinutes,
          };
        },
        'message:send': async ({ clientId, text, conversationId: shown }) => {
          const conversation =
            (await store.findOpenConversation(new Types.ObjectId(visitorId))) ??
            (await store.startConversation(await loadVisitor(), {
              previous: await continued(shown),
              offline: !(await agentsOnline(siteId)),
            }));
          const posted = await store.postMessage({ conversation, clientId, author: 'visitor', text });
          const stored = { conversation: posted.conversation, message: posted.message };
          // A re-send of a stored message is delivered again: the process that stored it may have died
          // before broadcasting it, and this re-send is then the only chance to deliver it. Clients merge by id.
          if (!posted.created) void events.publish('message.resent', stored);
          else
            void events.publish('visitor.messaged', {
              ...stored,
              siteId,
              visitorId,
              onProductPage: socket.data.pageType === 'product',
              locale: socket.data.locale ?? null,
            });
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
        'visitor:contact': async ({ email }) => {
          if (!(await visitors.update(visitorId, (current) => ({ ...current, email })))) {
            throw new AppError('not_found', 'This visitor no longer exists.');
          }
          await events.publish('visitor.identified', { visitorId, name: undefined, email });
          return { email };
        },
        'conversations:mine': async () => ({
          conversations: await visitorConversationItems(store, new Types.ObjectId(siteId), visitorId),
        }),
        'conversation:view': async ({ conversationId }) => {
          const conversation = await ownConversation(conversationId);
          const messages = await store.messagesAfter(conversation._id, -1);
          return { id: conversationId, status: conversation.status, messages: messages.map(toMessage) };
        },
        ...domains.tracking(socket),
        ...domains.escalation(socket),
        ...domains.kb(socket),
        ...domains.workplace(socket),
        ...domains.mail(socket),
        ...domains.answerBot(socket),
      },
      log,
    );
  });
}

/** Resolves the site from its public key and the visitor from a valid token, or creates a new visitor. */
async function identifyVisitor(
  auth: unknown,
  origin: string | undefined,
  ownOrigin: string,
  tokens: VisitorTokens,
  sites: SiteDirectory,
  clock: Clock,
  log: Logger,
): Promise<VisitorSocketData> {
  const handshake = VisitorHandshake.safeParse(auth);
  if (!handshake.success) throw new AppError('invalid_payload', 'The widget sent no site key.');
  const site = await sites.byPublicKey(handshake.data.siteKey);
  if (!site) throw new AppError('site_unknown', 'This chat is not configured: unknown site key.');
  if (origin !== ownOrigin && site.allowedOrigins.length > 0 && (!origin || !site.allowedOrigins.includes(origin))) {
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
