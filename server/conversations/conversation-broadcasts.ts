import type { DomainEvents } from '../events/domain-events';
import type { ChatNamespaces } from '../realtime/namespaces';
import { rooms } from '../realtime/rooms';
import { toMessage, toSummary } from './serialize';

/** What the widget and the console see of conversation events. */
export class ConversationBroadcasts {
  constructor(private readonly ns: ChatNamespaces) {}

  /** Delivers a stored message to the visitor's tabs and the agents, and refreshes inboxes. */
  message({ conversation, message: stored }: DomainEvents['message.created']): void {
    const message = toMessage(stored);
    this.ns.visitors.to(rooms.visitor(conversation.visitorId.toHexString())).emit('message:new', message);
    this.ns.agents.to(rooms.conversation(message.conversationId)).emit('message:new', message);
    this.updated({ conversation });
  }

  /** Refreshes every inbox of the conversation's site. */
  updated({ conversation }: DomainEvents['conversation.updated']): void {
    this.ns.agents.to(rooms.siteAgents(conversation.siteId.toHexString())).emit('conversation:upsert', toSummary(conversation));
  }

  closed({ conversation }: DomainEvents['conversation.closed']): void {
    const conversationId = conversation._id.toHexString();
    this.ns.visitors.to(rooms.visitor(conversation.visitorId.toHexString())).emit('conversation:closed', { conversationId });
  }
}
