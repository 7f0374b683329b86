import { agentRequests } from '../../shared/contract';
import { userFromCookie } from '../agents/current-user';
import { AGENT_EVENT_PERMISSIONS, requirePermission } from '../agents/permissions';
import type { SessionStore } from '../agents/sessions';
import { visitors, type StoredUser } from '../data';
import { AppError } from '../edge/errors';
import { registerRequests, toHandshakeError, type RequestHandlers } from '../edge/socket-handler';
import type { ReplyAlertQueue } from '../escalation/reply-alert-queue';
import type { Logger } from '../infra/logger';
import { visitorDisplayName } from '../visitors/display-name';
import { listConversations, messagesAfter, postMessage, requireConversation } from './conversation-store';
import { broadcastMessage, rooms, type AgentDomainHandlers, type ChatNamespaces } from './namespaces';
import { toMessage, toSummary } from './serialize';

interface Deps {
  ns: ChatNamespaces;
  sessions: SessionStore;
  replyAlerts: ReplyAlertQueue;
  /** Origins the console is served from; browser sockets from anywhere else are refused. */
  isConsoleOrigin: (origin: string, host: string | undefined) => boolean;
  domains: AgentDomainHandlers;
  /** An agent connected or disconnected: widgets learn whether a person can answer. */
  onPresenceChange(siteId: string): Promise<void>;
  log: Logger;
}

/** The console's side of a conversation: inbox, opening a conversation, replying, typing. */
export function attachAgentGateway({ ns, sessions, replyAlerts, isConsoleOrigin, domains, onPresenceChange, log }: Deps): void {
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
          conversations: (await listConversations(siteId, status, new Date())).map(toSummary),
        }),
        'conversation:open': async ({ conversationId }) => {
          const conversation = await requireConversation(conversationId, siteId);
          const [visitor, messages] = await Promise.all([visitors.byId(conversation.visitorId), messagesAfter(conversation._id, -1)]);
          if (!visitor) throw new AppError('not_found', 'The visitor of this conversation no longer exists.');
          await socket.join([rooms.conversation(conversationId), rooms.visitorWatchers(visitor._id.toHexString())]);
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
          const conversation = await requireConversation(conversationId, siteId);
          await socket.leave(rooms.conversation(conversationId));
          await socket.leave(rooms.visitorWatchers(conversation.visitorId.toHexString()));
          return null;
        },
        'message:send': async ({ conversationId, clientId, text }) => {
          const conversation = await requireConversation(conversationId, siteId);
          const posted = await postMessage({
            conversation,
            clientId,
            author: 'agent',
            authorId: user._id,
            authorName: user.name,
            text,
          });
          // Also on a re-send of a stored message (see the visitor gateway): its first broadcast may never have happened.
          broadcastMessage(ns, posted.conversation, posted.message);
          if (posted.created) {
            if (conversation.waitingSince) await replyAlerts.cancel(conversationId, conversation.waitingSince);
          }
          return { message: toMessage(posted.message) };
        },
        'typing:set': async ({ conversationId, typing }) => {
          const conversation = await requireConversation(conversationId, siteId);
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
