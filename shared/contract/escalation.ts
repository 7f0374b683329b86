import { z } from 'zod';
import { Concern, HesitationKind, Stage } from '../lifecycle';
import { ConversationStatus, ConversationSummary, Escalation, MessageAuthor, ObjectIdString, ProductCard } from './entities';

export const IntentReason = z.object({ signal: z.string(), contribution: z.number(), detail: z.string() });
export const PageVisit = z.object({ url: z.string(), title: z.string(), pageType: z.string(), at: z.string() });
export const StageChange = z.object({ stage: Stage, rule: z.string(), at: z.string() });
export const Cart = z.object({ items: z.number(), value: z.number(), currency: z.string(), lines: z.array(ProductCard).optional() });

/** Everything an agent sees about a visitor beside the conversation; pushed again whenever it changes. */
export const VisitorContext = z.object({
  visitorId: z.string(),
  stage: Stage,
  timeline: z.array(StageChange),
  intent: z.object({ score: z.number(), reasons: z.array(IntentReason) }),
  hesitation: Escalation.nullable(),
  cart: Cart,
  pages: z.array(PageVisit),
  /** Product pages the shop described, the latest first: with the cart's lines, what an agent can send as a product card. */
  viewedProducts: z.array(ProductCard).optional(),
  orders: z.array(z.object({ orderId: z.string(), total: z.number(), currency: z.string(), at: z.string() })),
  identified: z.boolean(),
});
export type VisitorContext = z.infer<typeof VisitorContext>;

/** One of the visitor's conversations, as the visitor panel lists it. */
export const VisitorConversation = z.object({
  id: z.string(),
  status: ConversationStatus,
  startedAt: z.string(),
  closeReason: z.string().nullable(),
  /** Its last message, the text cut to a preview. */
  lastMessage: z.object({ text: z.string(), author: MessageAuthor, createdAt: z.string() }).nullable(),
  csatRating: z.number().int().nullable(),
  /** The agent it was assigned to, else the one who closed it. */
  agentName: z.string().nullable(),
});
export type VisitorConversation = z.infer<typeof VisitorConversation>;

/**
 * The answer to `visitor:context`: the context plus the visitor's latest conversations on the site,
 * newest first. Pushes carry the context alone: the conversations do not change with browsing.
 */
export const VisitorContextAnswer = VisitorContext.extend({ conversations: z.array(VisitorConversation) });
export type VisitorContextAnswer = z.infer<typeof VisitorContextAnswer>;

/** Pushed to the widget when a hesitation escalates: it opens by itself on this. */
export const ProactivePrompt = z.object({
  conversationId: z.string(),
  kind: HesitationKind,
  concern: Concern,
  /** The knowledge-base answer for the concern, when the site has one. */
  article: z.object({ id: z.string(), title: z.string(), excerpt: z.string() }).nullable(),
  /** False when no agent is online: the widget asks for an email address instead of promising a person. */
  agentsOnline: z.boolean(),
  /** The site's own prompt text for the visitor's language (settings); absent or null: the widget's built-in text. */
  message: z.string().nullable().optional(),
});
export type ProactivePrompt = z.infer<typeof ProactivePrompt>;

export const escalationVisitorRequests = {
  /** "Talk to a person": asks for an agent in the current conversation (creating it if needed). */
  'escalation:request-person': {
    payload: z.object({ articleId: ObjectIdString.optional() }),
    result: z.object({ conversationId: z.string(), agentsOnline: z.boolean() }),
  },
  /**
   * The widget showed a `proactive:prompt`. Until it says so the prompt is sent again each time the
   * visitor connects (for as long as the prompt cap lasts): a prompt that fired while the visitor was
   * reconnecting, or between pages, is not lost.
   */
  'proactive:seen': { payload: z.object({ conversationId: ObjectIdString }), result: z.object({}) },
} as const;

export const escalationVisitorPushes = {
  'proactive:prompt': ProactivePrompt,
  /** The visitor's stage changed: evaluation-stage visitors see help first, purchase-stage a person first. */
  'lifecycle:stage': z.object({ stage: Stage }),
  'agents:availability': z.object({ online: z.boolean() }),
} as const;

const ConversationRef = z.object({ conversationId: ObjectIdString });

export const escalationAgentRequests = {
  'escalation:accept': { payload: ConversationRef, result: z.object({ conversation: ConversationSummary }) },
  'visitor:context': { payload: z.object({ visitorId: ObjectIdString }), result: VisitorContextAnswer },
} as const;

export const escalationAgentPushes = {
  /** A hesitating buyer's conversation offered to this agent (or to every online agent after re-routing). */
  'escalation:offer': z.object({ conversation: ConversationSummary, expiresAt: z.string().nullable() }),
  'visitor:context': VisitorContext,
} as const;
