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
  mailVisitorRequests,
  answerBotVisitorRequests,
  trackingRequests,
  AgentServerToClient,
  VisitorClientToServer,
  VisitorServerToClient,
} from '../../shared/contract';
import type { StoredUser } from '../data';
import type { RequestHandlers } from '../edge/socket-handler';

export interface VisitorSocketData {
  siteId: string;
  visitorId: string;
  token: string;
  /** The kind of page this tab last reported, so a chat message needs no visitor read to know it. */
  pageType?: string;
  /** The visitor's language as of the last sync, so the answer bot searches in it without a visitor read. */
  locale?: string;
  /** Set by a resume link's handshake (server/resume): the link's conversation, which sync shows when no conversation is open. */
  resumedConversationId?: string;
}
export interface AgentSocketData {
  user: StoredUser;
  /** The user's id as a string: sockets on other processes (`fetchSockets`) arrive serialized, ObjectIds included. */
  userId: string;
}

// Socket.IO types namespaces by the server's event maps; ours differ per namespace, hence these aliases.
/** What one server process tells the others through the adapter (`serverSideEmit`). */
export interface ServerSideEvents {
  /** A site's settings changed: each process forgets its cached copy. */
  'site:settingsChanged': (siteId: string) => void;
}

export type VisitorNamespace = Namespace<VisitorClientToServer, VisitorServerToClient, ServerSideEvents, VisitorSocketData>;
export type AgentNamespace = Namespace<AgentClientToServer, AgentServerToClient, ServerSideEvents, AgentSocketData>;

export type VisitorSocket = Socket<VisitorClientToServer, VisitorServerToClient, ServerSideEvents, VisitorSocketData>;
export type AgentSocket = Socket<AgentClientToServer, AgentServerToClient, ServerSideEvents, AgentSocketData>;

/**
 * The other domains' request handlers for one connected socket; the gateways merge them with the
 * chat handlers so each namespace registers one complete, typed table.
 */
export interface VisitorDomainHandlers {
  tracking(socket: VisitorSocket): RequestHandlers<typeof trackingRequests>;
  escalation(socket: VisitorSocket): RequestHandlers<typeof escalationVisitorRequests>;
  kb(socket: VisitorSocket): RequestHandlers<typeof kbVisitorRequests>;
  workplace(socket: VisitorSocket): RequestHandlers<typeof workplaceVisitorRequests>;
  mail(socket: VisitorSocket): RequestHandlers<typeof mailVisitorRequests>;
  answerBot(socket: VisitorSocket): RequestHandlers<typeof answerBotVisitorRequests>;
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
