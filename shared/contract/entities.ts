import { z } from 'zod';
import { Concern, HesitationKind } from '../lifecycle';
import { SECRET_KINDS } from '../privacy/mask-secrets';
import { displayName } from './text';
import { BrandingSettings } from './branding';

/** Client-generated message id: lets the server store a message exactly once however often it is re-sent. */
export const ClientMessageId = z
  .string()
  .trim()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
export const ObjectIdString = z.string().regex(/^[0-9a-f]{24}$/);
export const MessageText = z.string().trim().min(1).max(5000);
/** The highest message position a client may name: far beyond any conversation, and an integer every store keeps exactly. */
export const MAX_SEQ = 2 ** 31 - 1;
/** A position a client has read up to; the server also holds it to the conversation's last message. */
export const ReadSeq = z.number().int().min(0).max(MAX_SEQ);

export const MessageAuthor = z.enum(['visitor', 'agent', 'system', 'bot']);
export type MessageAuthor = z.infer<typeof MessageAuthor>;

/**
 * What the answer bot answered with (a `bot` message's `text` is the article's passage that answers):
 * `answer` when the bot comes first, `while_you_wait` when a person comes first and the article is
 * shown meanwhile.
 */
export const BotAnswer = z.object({
  articleId: z.string(),
  title: z.string(),
  mode: z.enum(['answer', 'while_you_wait']),
});
export type BotAnswer = z.infer<typeof BotAnswer>;

/** A file sent in a conversation, as its message carries it. `type` is what the bytes are, never what the name claimed. */
export const Attachment = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  /** Bytes stored (images are re-encoded without their metadata, so this may differ from the upload). */
  size: z.number().int().min(0),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** Images only: a small WebP preview, fetched like the file itself. */
  thumbnailId: z.string().optional(),
});
export type Attachment = z.infer<typeof Attachment>;

/** A link a visitor may follow: web pages only, never `javascript:` or `data:`. */
export const WebUrl = z.url({ protocol: /^https?$/ }).max(2000);
export const Currency = z.string().regex(/^[A-Z]{3}$/);

/** A product as the shop reports it (cart lines, product pages) and as an agent sends it to the visitor. */
export const ProductCard = z.object({
  title: displayName(200),
  price: z.number().min(0).max(10_000_000),
  currency: Currency,
  url: WebUrl,
  image: WebUrl.optional(),
});
export type ProductCard = z.infer<typeof ProductCard>;

/** Buttons offered under a message; the visitor's tap sends the label as their message. */
export const QuickReplies = z
  .array(displayName(40))
  .min(1)
  .max(6)
  .refine((labels) => new Set(labels).size === labels.length, 'each quick reply once');

export const Message = z.object({
  id: z.string(),
  conversationId: z.string(),
  clientId: z.string(),
  /** Position in its conversation, increasing; clients ask for what they missed with `afterSeq`. */
  seq: z.number().int(),
  author: MessageAuthor,
  authorName: z.string().nullable(),
  text: z.string(),
  createdAt: z.string(),
  /** Only on the answer bot's messages. */
  answer: BotAnswer.optional(),
  /** A file sent as this message (`text` is then its name). */
  attachment: Attachment.optional(),
  /** A product the agent sent as this message (`text` is then its title). */
  card: ProductCard.optional(),
  /** Replies offered to the visitor under this message. */
  quickReplies: QuickReplies.optional(),
  /** What the server hid in `text` before storing it (card numbers, IBANs, security codes); absent when nothing. */
  masked: z.array(z.enum(SECRET_KINDS)).optional(),
});
export type Message = z.infer<typeof Message>;

export const ConversationStatus = z.enum(['open', 'closed']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** Why a conversation was escalated: the hesitation that fired. */
export const Escalation = z.object({
  kind: HesitationKind,
  concern: Concern,
  reason: z.string(),
  at: z.string(),
});
export type Escalation = z.infer<typeof Escalation>;

export const CsatAnswer = z.object({ rating: z.number().int().min(1).max(5), comment: z.string(), at: z.string() });
export type CsatAnswer = z.infer<typeof CsatAnswer>;

export const ConversationSummary = z.object({
  id: z.string(),
  visitorId: z.string(),
  visitorName: z.string(),
  status: ConversationStatus,
  assigneeId: z.string().nullable(),
  lastMessage: z.object({ text: z.string(), author: MessageAuthor, createdAt: z.string() }).nullable(),
  /** When the oldest visitor message still without an agent reply was sent, else null. */
  waitingSince: z.string().nullable(),
  /** Set when a hesitating buyer was escalated; such conversations are routed to an agent. */
  escalation: Escalation.nullable(),
  /** Inbox and routing order, highest first: every purchase-stage conversation ranks above all others. */
  priority: z.number(),
  /** Started by a visitor's message while no agent was online (the visitor may have left: a reply also goes by email). */
  offline: z.boolean(),
  /** Visitor messages no agent has read yet. */
  unread: z.number().int(),
  /** The last position the visitor has seen (-1: none), for "Seen" marks. */
  visitorReadSeq: z.number().int(),
  /** The last position an agent has read (-1: none), for the visitor's "Read" marks. */
  agentReadSeq: z.number().int(),
  closeReason: z.string().nullable(),
  /** The visitor's rating after the conversation closed. */
  csat: CsatAnswer.nullable(),
  /** The closed conversation this one continues (the visitor wrote into it after it closed). */
  previousConversationId: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const VisitorProfile = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export type VisitorProfile = z.infer<typeof VisitorProfile>;

export const Role = z.enum(['admin', 'agent', 'editor']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.string(),
  siteId: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
});
export type User = z.infer<typeof User>;

/** What a site accepts, by kind: png/jpeg/webp/gif images, PDF, plain text, and Office/OpenDocument files without macros. */
export const FileKind = z.enum(['images', 'pdf', 'text', 'office']);
export type FileKind = z.infer<typeof FileKind>;

/** The largest file any site may allow. */
export const MAX_FILE_MEGABYTES = 25;

export const AttachmentSettings = z.object({
  /** Kinds of file visitors and agents may send; empty turns attachments off. */
  kinds: z.array(FileKind).max(FileKind.options.length),
  /** The largest file accepted, in megabytes (10⁶ bytes). */
  maxMegabytes: z.number().int('whole megabytes').min(1, 'at least 1 MB').max(MAX_FILE_MEGABYTES, `at most ${MAX_FILE_MEGABYTES} MB`),
});
export type AttachmentSettings = z.infer<typeof AttachmentSettings>;

export const DEFAULT_ATTACHMENTS: AttachmentSettings = { kinds: [...FileKind.options], maxMegabytes: 10 };

export const SitePublicInfo = z.object({
  name: z.string(),
  greeting: z.string(),
  /** The widget language the site pins, or null to follow the page's `<html lang>` and then the browser. */
  locale: z.string().nullable(),
  /** The languages the site offers: the widget speaks no other. Empty: every language it has. */
  locales: z.array(z.string()),
  /** What visitors may send as files; absent or no kinds: the widget offers no way to attach one. */
  attachments: AttachmentSettings.optional(),
  /** The widget's look; `color` is already the readable accent. Absent: the widget's own. */
  branding: BrandingSettings.optional(),
});
export type SitePublicInfo = z.infer<typeof SitePublicInfo>;
