import { z } from 'zod';
import { Stage } from '../lifecycle';
import { ClientMessageId, ConversationStatus, MAX_SEQ, Message, MessageText, ObjectIdString, SitePublicInfo } from './entities';
import { answerBotVisitorRequests } from './answer-bot';
import { escalationVisitorPushes, escalationVisitorRequests, VisitorConversation } from './escalation';
import type { PushEvents, RequestEvents } from './events';
import { kbVisitorPushes, kbVisitorRequests } from './kb';
import { mailVisitorRequests } from './mail';
import { toStorable } from './text';
import { trackingRequests } from './tracking';
import { workplaceVisitorPushes, workplaceVisitorRequests } from './workplace';

/** The signed visitor token the server hands out: a compact JWS. */
const VisitorToken = z
  .string()
  .max(2000)
  .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/);

/** Socket.IO handshake `auth` of the widget. */
export const VisitorHandshake = z.object({
  /** Made storable like every inbound text: the site lookup filters by it. */
  siteKey: z.string().overwrite(toStorable).min(1).max(100),
  /**
   * A token that is not one (stored data cut short, edited or corrupted) is no identity, like a
   * forged or expired one: the visitor starts afresh and the widget stores the new token it syncs.
   */
  token: VisitorToken.optional().catch(undefined),
  /**
   * The token of a "continue the conversation" link (`?lc_resume=`), presented once: the server
   * checks and spends it before anything else and answers the conversation's visitor (server/resume).
   */
  resume: z.string().max(2000).optional(),
});
export type VisitorHandshake = z.infer<typeof VisitorHandshake>;

/**
 * When the visitor may expect a reply, computed by the server; the widget words it in the visitor's
 * language. `back`: outside business hours, the next opening (`at`) shown in the site's time zone
 * (`sameDay`: it opens later on the day the visitor writes). `minutes`: the site's typical first
 * response of late (measured). Null: nothing to say (no hours and no measurements).
 */
export const ReplyExpectation = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('back'), at: z.string(), timezone: z.string(), sameDay: z.boolean() }),
    z.object({ kind: z.literal('minutes'), minutes: z.number().int().min(1) }),
  ])
  .nullable();
export type ReplyExpectation = z.infer<typeof ReplyExpectation>;

/** The address a reply can go to when the visitor has left: optional, stored on the visitor. */
export const VisitorEmail = z.string().trim().email().max(254);

/** One of the visitor's own conversations in the widget's list (no agent-side details). */
export const VisitorConversationItem = VisitorConversation.pick({ id: true, status: true, startedAt: true, lastMessage: true });
export type VisitorConversationItem = z.infer<typeof VisitorConversationItem>;

export const chatVisitorRequests = {
  /** Sent on every (re)connect: answers the identity token and whatever the client has not seen yet. */
  'visitor:sync': {
    payload: z.object({ afterSeq: z.number().int().min(-1).max(MAX_SEQ).default(-1) }),
    result: z.object({
      visitorId: z.string(),
      token: z.string(),
      site: SitePublicInfo,
      conversationId: z.string().nullable(),
      messages: z.array(Message),
      stage: Stage,
      /** Whether any agent is online now; without one the widget asks for an email address. */
      agentsOnline: z.boolean(),
      expectation: ReplyExpectation,
      /** The visitor's stored email address (given in the widget or by `identify`). */
      email: z.string().nullable(),
      /** The widget asks for an email address once a visitor message has waited this long for a reply (the site's setting). */
      emailPromptMinutes: z.number().int().min(0),
    }),
  },
  'message:send': {
    payload: z.object({
      clientId: ClientMessageId,
      text: MessageText,
      /** The conversation the widget shows: when it is closed, the message starts a new one linked to it. */
      conversationId: ObjectIdString.optional(),
    }),
    result: z.object({ message: Message }),
  },
  /** The inline email step: stores the address on the visitor, for replies once they have left. */
  'visitor:contact': {
    payload: z.object({ email: VisitorEmail }),
    result: z.object({ email: z.string() }),
  },
  /** The visitor's conversations on the site, newest first. */
  'conversations:mine': {
    payload: z.object({}),
    result: z.object({ conversations: z.array(VisitorConversationItem) }),
  },
  /** One of the visitor's conversations with its messages (a closed one is shown read-only). */
  'conversation:view': {
    payload: z.object({ conversationId: ObjectIdString }),
    result: z.object({ id: z.string(), status: ConversationStatus, messages: z.array(Message) }),
  },
  'typing:set': {
    payload: z.object({ typing: z.boolean() }),
    result: z.null(),
  },
} as const;

export const chatVisitorPushes = {
  'message:new': Message,
  'typing:changed': z.object({ conversationId: z.string(), name: z.string(), typing: z.boolean() }),
} as const;

export const visitorRequests = {
  ...chatVisitorRequests,
  ...trackingRequests,
  ...escalationVisitorRequests,
  ...kbVisitorRequests,
  ...workplaceVisitorRequests,
  ...mailVisitorRequests,
  ...answerBotVisitorRequests,
} as const;

export const visitorPushes = {
  ...chatVisitorPushes,
  ...escalationVisitorPushes,
  ...kbVisitorPushes,
  ...workplaceVisitorPushes,
} as const;

export type VisitorClientToServer = RequestEvents<typeof visitorRequests>;
export type VisitorServerToClient = PushEvents<typeof visitorPushes>;
