import { z } from 'zod';
import { Concern, HesitationKind, Stage } from '../lifecycle';
import { ConversationSummary, Escalation, ObjectIdString } from './entities';

export const IntentReason = z.object({ signal: z.string(), contribution: z.number(), detail: z.string() });
export const PageVisit = z.object({ url: z.string(), title: z.string(), pageType: z.string(), at: z.string() });
export const StageChange = z.object({ stage: Stage, rule: z.string(), at: z.string() });
export const Cart = z.object({ items: z.number(), value: z.number(), currency: z.string() });

/** Everything an agent sees about a visitor beside the conversation; pushed again whenever it changes. */
export const VisitorContext = z.object({
  visitorId: z.string(),
  stage: Stage,
  timeline: z.array(StageChange),
  intent: z.object({ score: z.number(), reasons: z.array(IntentReason) }),
  hesitation: Escalation.nullable(),
  cart: Cart,
  pages: z.array(PageVisit),
  orders: z.array(z.object({ orderId: z.string(), total: z.number(), currency: z.string(), at: z.string() })),
  identified: z.boolean(),
});
export type VisitorContext = z.infer<typeof VisitorContext>;

/** Pushed to the widget when a hesitation escalates: it opens by itself on this. */
export const ProactivePrompt = z.object({
  conversationId: z.string(),
  kind: HesitationKind,
  concern: Concern,
  /** The knowledge-base answer for the concern, when the site has one. */
  article: z.object({ id: z.string(), title: z.string(), excerpt: z.string() }).nullable(),
  /** False when no agent is online: the widget shows the offline form instead of promising a person. */
  agentsOnline: z.boolean(),
  /** The site's own prompt text for the visitor's language (settings); absent or null: the widget's built-in text. */
  message: z.string().nullable().optional(),
});
export type ProactivePrompt = z.infer<typeof ProactivePrompt>;

export const OfflineForm = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().email().max(254),
  question: z.string().trim().min(1).max(5000),
});
export type OfflineForm = z.infer<typeof OfflineForm>;

export const escalationVisitorRequests = {
  /** "Talk to a person": asks for an agent in the current conversation (creating it if needed). */
  'escalation:request-person': {
    payload: z.object({ articleId: ObjectIdString.optional() }),
    result: z.object({ conversationId: z.string(), agentsOnline: z.boolean() }),
  },
  'offline:submit': { payload: OfflineForm, result: z.object({ conversationId: z.string() }) },
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
  'visitor:context': { payload: z.object({ visitorId: ObjectIdString }), result: VisitorContext },
} as const;

export const escalationAgentPushes = {
  /** A hesitating buyer's conversation offered to this agent (or to every online agent after re-routing). */
  'escalation:offer': z.object({ conversation: ConversationSummary, expiresAt: z.string().nullable() }),
  'visitor:context': VisitorContext,
} as const;
