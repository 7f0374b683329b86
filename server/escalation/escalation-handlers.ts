import type { escalationAgentRequests, escalationVisitorRequests } from '../../shared/contract';
import { requirePermission } from '../agents/permissions';
import { rooms } from '../realtime/rooms';
import type { AgentSocket, VisitorSocket } from '../realtime/namespaces';
import type { ConversationStore } from '../conversations/conversation-store';
import { visitorConversations } from '../conversations/visitor-conversations';
import { AppError } from '../errors/app-error';
import type { RequestHandlers } from '../edge/socket-handler';
import type { LifecycleService } from '../visitors/lifecycle-service';
import type { Escalations } from './escalations';

export function escalationVisitorHandlers(escalations: Escalations) {
  return (socket: VisitorSocket): RequestHandlers<typeof escalationVisitorRequests> => {
    void escalations.resendPrompt(socket);
    return {
      'escalation:request-person': ({ articleId }) => escalations.requestPerson(socket.data.visitorId, articleId),
      'proactive:seen': async ({ conversationId }) => {
        await escalations.markPromptShown(socket.data.visitorId, conversationId);
        return {};
      },
    };
  };
}

export function escalationAgentHandlers(escalations: Escalations, lifecycle: LifecycleService, store: ConversationStore) {
  return (socket: AgentSocket): RequestHandlers<typeof escalationAgentRequests> => {
    const { user } = socket.data;
    return {
      'escalation:accept': async ({ conversationId }) => {
        requirePermission(user, 'escalations:accept');
        return { conversation: await escalations.accept(user, conversationId) };
      },
      'visitor:context': async ({ visitorId }) => {
        requirePermission(user, 'visitors:read');
        const context = await lifecycle.context(visitorId, user.siteId);
        if (!context) throw new AppError('not_found', 'No such visitor.');
        // From now on this socket receives the visitor's context as it changes.
        await socket.join(rooms.visitorWatchers(visitorId));
        return { ...context, conversations: await visitorConversations(store, user.siteId, visitorId) };
      },
    };
  };
}
