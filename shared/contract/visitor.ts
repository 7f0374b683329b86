import { z } from 'zod';
import { Stage } from '../lifecycle';
import { ClientMessageId, MAX_SEQ, Message, MessageText, SitePublicInfo } from './entities';
import { escalationVisitorPushes, escalationVisitorRequests } from './escalation';
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
      /** Whether any agent is online now; without one the widget offers the offline form. */
      agentsOnline: z.boolean(),
    }),
  },
  'message:send': {
    payload: z.object({ clientId: ClientMessageId, text: MessageText }),
    result: z.object({ message: Message }),
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
} as const;

export const visitorPushes = {
  ...chatVisitorPushes,
  ...escalationVisitorPushes,
  ...kbVisitorPushes,
  ...workplaceVisitorPushes,
} as const;

export type VisitorClientToServer = RequestEvents<typeof visitorRequests>;
export type VisitorServerToClient = PushEvents<typeof visitorPushes>;
