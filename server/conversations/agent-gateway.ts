import type { IncomingMessage } from 'node:http';
import { agentRequests } from '../../shared/contract';
import { userFromCookie } from '../agents/current-user';
import { AGENT_EVENT_PERMISSIONS, requirePermission } from '../agents/permissions';
import type { SessionStore } from '../agents/sessions';
import { visitors, type StoredUser } from '../data';
import { AppError } from '../errors/app-error';
import { registerRequests, toHandshakeError, type RequestHandlers } from '../edge/socket-handler';
import type { Logger } from '../infra/logger';
import { visitorDisplayName } from '../visitors/display-name';
import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { ConversationStore } from './conversation-store';
import { rooms } from '../realtime/rooms';
import type { AgentDomainHandlers, ChatNamespaces } from '../realtime/namespaces';
import { toMessage, toSummary } from './serialize';

interface Deps {
  ns: ChatNamespaces;
  sessions: SessionStore;
  store: ConversationStore;
  events: DomainEventPublisher;
  /** Origins the console is served from; browser sockets from anywhere else are refused. */
  isConsoleOrigin: (origin: string, host: string | undefined) => boolean;
  domains: AgentDomainHandlers;
  /** An agent connected or disconnected: widgets learn whether a person can answer. */
  onPresenceChange(siteId: string): Promise<void>;
  /** The client address of a socket (the audit trail records it). */
  ipOf: (socket: { request: IncomingMessage }) => string;
  clock: Clock;
  log: Logger;
}

/** The console's side of a conversation: inbox, opening a conversation, replying, typing. */
export function attachAgentGateway({
  ns,
  sessions,
  store,
  events,
  isConsoleOrigin,
  domains,
  onPresenceChange,
  ipOf,
  clock,
  log,
}: Deps): void {
  ns.agents.use((socket, next) => {
    const { origin, host, cookie } = socket.handshake.headers;
    if (origin && !isConsoleOrigin(origin, host)) {
      next(toHandshakeError(new AppError('forbidden', 'Agents connect from the console only.'), log));
      return;
    }
    userFromCookie(sessions, cookie).then(
      (user) => {
        socket.data.user = user;
        socket.data.userId = user._id.toHexString();
        next();
      },
      (err: unknown) => next(toHandshakeError(err, log)),
    );
  });

  ns.agents.on('connection', (socket) => {
    const { user } = socket.data;
    const siteId = user.siteId;
    const actor = { kind: 'user' as const, user, ip: ipOf(socket) };
    void socket.join([rooms.siteAgents(siteId.toHexString()), rooms.agent(user._id.toHexString())]);
    const presenceChanged = () =>
      onPresenceChange(siteId.toHexString()).catch((err: unknown) => log.warn({ err }, 'presence broadcast failed'));
    void presenceChanged();
    socket.on('disconnect', () => void presenceChanged());

    registerRequests(
      socket,
      agentRequests,
      guarded(user, {
        'conversations:list': async ({ status }) => ({
          conversations: (await store.listConversations(siteId, status, dateOf(clock))).map(toSummary),
        }),
        'conversation:open': async ({ conversationId }) => {
          const conversation = await store.requireConversation(conversationId, siteId);
          const [visitor, messages] = await Promise.all([visitors.byId(conversation.visitorId), store.messagesAfter(conversation._id, -1)]);
          if (!visitor) throw new AppError('not_found', 'The visitor of this conversation no longer exists.');
          await socket.join([rooms.conversation(conversationId), rooms.visitorWatchers(visitor._id.toHexString())]);
          // Into the audit trail, batched: the agent's answer does not wait for it.
          void events.publish('conversation.opened', { conversation, by: actor, at: dateOf(clock) });
          return {
            conversation: toSummary(conversation),
            visitor: {
              id: visitor._id.toHexString(),
              name: visitorDisplayName(visitor),
              email: visitor.email ?? null,
              firstSeenAt: visitor.createdAt.toISOString(),
              lastSeenAt: visitor.lastSeenAt.toISOString(),
            },
            messages: messages.map(toMessage),
          };
        },
        'conversation:leave': async ({ conversationId }) => {
          const conversation = await store.requireConversation(conversationId, siteId);
          await socket.leave(rooms.conversation(conversationId));
          await socket.leave(rooms.visitorWatchers(conversation.visitorId.toHexString()));
          return null;
        },
        'message:send': async ({ conversationId, clientId, text, card, quickReplies }) => {
          const conversation = await store.requireConversation(conversationId, siteId);
          const posted = await store.postMessage({
            conversation,
            clientId,
            author: 'agent',
            authorId: user._id,
            authorName: user.name,
            // A card's title is its text wherever cards are not drawn (inbox preview, search, reply emails).
            text: card?.title ?? text ?? '',
            card,
            quickReplies,
          });
          // A re-send of a stored message is delivered again (see the visitor gateway): its first broadcast may never have happened.
          if (!posted.created) void events.publish('message.resent', { conversation: posted.conversation, message: posted.message });
          else void events.publish('agent.replied', { conversation, message: posted.message });
          return { message: toMessage(posted.message) };
        },
        'typing:set': async ({ conversationId, typing }) => {
          const conversation = await store.requireConversation(conversationId, siteId);
          ns.visitors
            .to(rooms.visitor(conversation.visitorId.toHexString()))
            .emit('typing:changed', { conversationId, name: user.name, typing });
          return null;
        },
        ...domains.escalation(socket),
        ...domains.kb(socket),
        ...domains.accounts(socket),
        ...domains.workplace(socket),
      }),
      log,
    );
  });
}

type AgentHandlers = RequestHandlers<typeof agentRequests>;

/** Every event checks its row of the permission table before its handler runs. */
function guarded(user: StoredUser, handlers: AgentHandlers): AgentHandlers {
  const checked: Record<string, (payload: never) => Promise<unknown>> = {};
  for (const [event, handler] of Object.entries(handlers) as Array<[keyof AgentHandlers, (payload: never) => Promise<unknown>]>) {
    checked[event] = async (payload) => {
      requirePermission(user, AGENT_EVENT_PERMISSIONS[event]);
      return handler(payload);
    };
  }
  return checked as unknown as AgentHandlers;
}
