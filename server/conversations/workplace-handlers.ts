import { Types } from 'mongoose';
import type { workplaceAgentRequests, workplaceVisitorRequests } from '../../shared/contract';
import { AppError } from '../errors/app-error';
import type { RequestHandlers } from '../edge/socket-handler';
import type { ConversationSearch } from './conversation-search';
import type { ConversationStore } from './conversation-store';
import type { AgentSocket, VisitorSocket } from '../realtime/namespaces';
import type { Workplace } from './workplace';

export function workplaceAgentHandlers(workplace: Workplace, search: ConversationSearch) {
  return (socket: AgentSocket): RequestHandlers<typeof workplaceAgentRequests> => {
    const { user } = socket.data;
    return {
      'conversations:search': async ({ query, status }) => ({ conversations: await search.search(user.siteId, query, status) }),
      'conversation:take': async ({ conversationId }) => ({ conversation: await workplace.take(user, conversationId) }),
      'conversation:read': async ({ conversationId, seq }) => {
        await workplace.agentRead(user, conversationId, seq);
        return null;
      },
      'notes:list': async ({ conversationId }) => ({ notes: await workplace.notes(user, conversationId) }),
      'note:add': async ({ conversationId, clientId, text }) => ({ note: await workplace.addNote(user, conversationId, clientId, text) }),
      'conversation:transfer': async ({ conversationId, toUserId, note }) => ({
        conversation: await workplace.transfer(user, conversationId, toUserId, note),
      }),
      'conversation:close': async ({ conversationId, reason, comment }) => ({
        conversation: await workplace.close(user, conversationId, reason, comment),
      }),
    };
  };
}

export function workplaceVisitorHandlers(workplace: Workplace, store: ConversationStore) {
  return (socket: VisitorSocket): RequestHandlers<typeof workplaceVisitorRequests> => {
    const { visitorId } = socket.data;
    return {
      'conversation:read': async ({ seq }) => {
        const conversation = await store.findOpenConversation(new Types.ObjectId(visitorId));
        if (!conversation) throw new AppError('not_found', 'There is no open conversation.');
        await workplace.visitorRead(conversation, seq);
        return null;
      },
      'csat:submit': async ({ conversationId, rating, comment }) => {
        await workplace.submitCsat(visitorId, conversationId, rating, comment);
        return null;
      },
    };
  };
}
