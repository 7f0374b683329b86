import { z } from 'zod';
import {
  ClientMessageId,
  ConversationStatus,
  ConversationSummary,
  Message,
  MessageText,
  ObjectIdString,
  ProductCard,
  QuickReplies,
  VisitorProfile,
} from './entities';
import { escalationAgentPushes, escalationAgentRequests } from './escalation';
import type { PushEvents, RequestEvents } from './events';
import { kbAgentPushes, kbAgentRequests } from './kb';
import { accountAgentPushes, accountAgentRequests } from './accounts';
import { cannedAgentPushes } from './canned';
import { workplaceAgentPushes, workplaceAgentRequests } from './workplace';

const ConversationRef = z.object({ conversationId: ObjectIdString });

export const chatAgentRequests = {
  'conversations:list': {
    payload: z.object({ status: ConversationStatus.default('open') }),
    result: z.object({ conversations: z.array(ConversationSummary) }),
  },
  /** Loads a conversation and subscribes this socket to its messages and typing. */
  'conversation:open': {
    payload: ConversationRef,
    result: z.object({
      conversation: ConversationSummary,
      visitor: VisitorProfile,
      messages: z.array(Message),
    }),
  },
  'conversation:leave': { payload: ConversationRef, result: z.null() },
  /** A reply: text or a product card (stored with its title as the text), either with quick replies for the visitor to tap. */
  'message:send': {
    payload: ConversationRef.extend({
      clientId: ClientMessageId,
      text: MessageText.optional(),
      card: ProductCard.optional(),
      quickReplies: QuickReplies.optional(),
    }).refine((reply) => (reply.text === undefined) !== (reply.card === undefined), 'send either text or a card'),
    result: z.object({ message: Message }),
  },
  'typing:set': {
    payload: ConversationRef.extend({ typing: z.boolean() }),
    result: z.null(),
  },
} as const;

export const chatAgentPushes = {
  /** A conversation of the agent's site was created or changed: keeps inbox lists live. */
  'conversation:upsert': ConversationSummary,
  'message:new': Message,
  'typing:changed': z.object({ conversationId: z.string(), typing: z.boolean() }),
  /** Raised by the reply-alert queue: a visitor has waited too long for any agent reply. */
  'conversation:waiting-alert': z.object({
    conversationId: z.string(),
    visitorName: z.string(),
    waitingSeconds: z.number(),
  }),
} as const;

export const agentRequests = {
  ...chatAgentRequests,
  ...escalationAgentRequests,
  ...kbAgentRequests,
  ...accountAgentRequests,
  ...workplaceAgentRequests,
} as const;
export const agentPushes = {
  ...chatAgentPushes,
  ...escalationAgentPushes,
  ...kbAgentPushes,
  ...accountAgentPushes,
  ...workplaceAgentPushes,
  ...cannedAgentPushes,
} as const;

export type AgentClientToServer = RequestEvents<typeof agentRequests>;
export type AgentServerToClient = PushEvents<typeof agentPushes>;
