import { z } from 'zod';
import { ClientMessageId, ConversationStatus, ConversationSummary, CsatAnswer, MessageText, ObjectIdString, ReadSeq } from './entities';

const ConversationRef = z.object({ conversationId: ObjectIdString });

/** An internal note: agents only — stored apart from messages, so no visitor path can ever return one. */
export const Note = z.object({
  id: z.string(),
  conversationId: z.string(),
  clientId: z.string(),
  /** `transfer`: written with a transfer, addressed to the agent taking over. */
  kind: z.enum(['note', 'transfer']),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type Note = z.infer<typeof Note>;

export const CsatRating = CsatAnswer.shape.rating;

export const CloseReason = z.enum(['resolved', 'no_reply', 'spam', 'duplicate', 'other']);
export type CloseReason = z.infer<typeof CloseReason>;

export const SearchQuery = z.string().trim().min(2).max(100);

export const workplaceAgentRequests = {
  /** Conversations whose visitor name or email, or any message, contains every word of `query` (word starts). */
  'conversations:search': {
    payload: z.object({ query: SearchQuery, status: ConversationStatus.optional() }),
    result: z.object({ conversations: z.array(ConversationSummary) }),
  },
  /** Assigns an unassigned conversation to this agent; the first agent wins (`conflict` for the others). */
  'conversation:take': { payload: ConversationRef, result: z.object({ conversation: ConversationSummary }) },
  /** The agent has read the conversation up to `seq`: clears its unread count, the visitor sees "Read". */
  'conversation:read': { payload: ConversationRef.extend({ seq: ReadSeq }), result: z.null() },
  'notes:list': { payload: ConversationRef, result: z.object({ notes: z.array(Note) }) },
  'note:add': {
    payload: ConversationRef.extend({ clientId: ClientMessageId, text: MessageText }),
    result: z.object({ note: Note }),
  },
  /** Hands the conversation to another agent, with a note for them. */
  'conversation:transfer': {
    payload: ConversationRef.extend({ toUserId: ObjectIdString, note: z.string().trim().max(2000).default('') }),
    result: z.object({ conversation: ConversationSummary }),
  },
  /** Closes the conversation; the visitor is asked for a rating (CSAT). */
  'conversation:close': {
    payload: ConversationRef.extend({ reason: CloseReason, comment: z.string().trim().max(500).default('') }),
    result: z.object({ conversation: ConversationSummary }),
  },
} as const;

export const workplaceAgentPushes = {
  'note:new': Note,
  /** The visitor has read the conversation up to `seq`. */
  'conversation:read': z.object({ conversationId: z.string(), seq: z.number().int() }),
} as const;

export const workplaceVisitorRequests = {
  /** The visitor has seen the conversation up to `seq`: agents see "Seen". */
  'conversation:read': { payload: z.object({ seq: ReadSeq }), result: z.null() },
  /** The answer to the rating prompt of a closed conversation; once per conversation. */
  'csat:submit': {
    payload: ConversationRef.extend({ rating: CsatRating, comment: z.string().trim().max(1000).default('') }),
    result: z.null(),
  },
} as const;

export const workplaceVisitorPushes = {
  /** An agent has read the conversation up to `seq`. */
  'conversation:read': z.object({ conversationId: z.string(), seq: z.number().int() }),
  /** The conversation was closed: the widget asks for a rating. */
  'conversation:closed': z.object({ conversationId: z.string() }),
} as const;
