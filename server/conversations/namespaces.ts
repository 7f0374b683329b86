import type { Namespace } from 'socket.io';
import type { Socket } from 'socket.io';
import type {
  accountAgentRequests,
  workplaceAgentRequests,
  workplaceVisitorRequests,
  AgentClientToServer,
  escalationAgentRequests,
  escalationVisitorRequests,
  kbAgentRequests,
  kbVisitorRequests,
  trackingRequests,
  AgentServerToClient,
  VisitorClientToServer,
  VisitorServerToClient,
} from '../../shared/contract';
import type { Conversation, StoredMessage, StoredUser } from '../data';
import type { RequestHandlers } from '../edge/socket-handler';
import { toMessage, toSummary } from './serialize';

export interface VisitorSocketData {
  siteId: string;
  visitorId: string;
  token: string;
  /** The kind of page this tab last reported, so a chat message needs no visitor read to know it. */
  pageType?: string;
}
export interface AgentSocketData {
  user: StoredUser;
  /** The user's id as a string: sockets on other processes (`fetchSockets`) arrive serialized, ObjectIds included. */
  userId: string;
}

// Socket.IO types namespaces by the server's event maps; ours differ per namespace, hence these aliases.
export type VisitorNamespace = Namespace<VisitorClientToServer, VisitorServerToClient, Record<string, never>, VisitorSocketData>;
export type AgentNamespace = Namespace<AgentClientToServer, AgentServerToClient, Record<string, never>, AgentSocketData>;

export type VisitorSocket = Socket<VisitorClientToServer, VisitorServerToClient, Record<string, never>, VisitorSocketData>;
export type AgentSocket = Socket<AgentClientToServer, AgentServerToClient, Record<string, never>, AgentSocketData>;

/**
 * The other domains' request handlers for one connected socket; the gateways merge them with the
 * chat handlers so each namespace registers one complete, typed table.
 */
export interface VisitorDomainHandlers {
  tracking(socket: VisitorSocket): RequestHandlers<typeof trackingRequests>;
  escalation(socket: VisitorSocket): RequestHandlers<typeof escalationVisitorRequests>;
  kb(socket: VisitorSocket): RequestHandlers<typeof kbVisitorRequests>;
  workplace(socket: VisitorSocket): RequestHandlers<typeof workplaceVisitorRequests>;
}
export interface AgentDomainHandlers {
  escalation(socket: AgentSocket): RequestHandlers<typeof escalationAgentRequests>;
  kb(socket: AgentSocket): RequestHandlers<typeof kbAgentRequests>;
  accounts(socket: AgentSocket): RequestHandlers<typeof accountAgentRequests>;
  workplace(socket: AgentSocket): RequestHandlers<typeof workplaceAgentRequests>;
}

export interface ChatNamespaces {
  visitors: VisitorNamespace;
  agents: AgentNamespace;
}

export const rooms = {
  /** Every tab of one visitor. */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  /** Agents who have a conversation open. */
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  /** Every signed-in agent of a site (inbox updates, alerts). */
  siteAgents: (siteId: string) => `site-agents:${siteId}`,
  /** Every socket of one agent (escalation offers). */
  agent: (userId: string) => `agent:${userId}`,
  /** Agents looking at a visitor (live visitor context). */
  visitorWatchers: (visitorId: string) => `visitor-watchers:${visitorId}`,
  /** Every widget on a site (agent availability). */
  siteVisitors: (siteId: string) => `site-visitors:${siteId}`,
};

/** Delivers a newly stored message to the visitor's tabs and the agents, and refreshes inboxes. */
export function broadcastMessage(ns: ChatNamespaces, conversation: Conversation, stored: StoredMessage): void {
  const message = toMessage(stored);
  ns.visitors.to(rooms.visitor(conversation.visitorId.toHexString())).emit('message:new', message);
  ns.agents.to(rooms.conversation(message.conversationId)).emit('message:new', message);
  ns.agents.to(rooms.siteAgents(conversation.siteId.toHexString())).emit('conversation:upsert', toSummary(conversation));
}
