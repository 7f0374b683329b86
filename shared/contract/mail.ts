import { z } from 'zod';
import { ObjectIdString } from './entities';

/** A site's email follow-up: how long a visitor stays away before agent replies are mailed, and transcripts on close. */
export const MailSettings = z.object({
  /** Seconds the visitor must stay away after an agent's reply before it is emailed; null: the deployment's `REPLY_EMAIL_DELAY_SECONDS`. */
  replyDelaySeconds: z.number().int().min(1).max(86_400).nullable(),
  /** Email the visitor the whole conversation when it closes (when they left an address and did not unsubscribe). */
  transcriptOnClose: z.boolean(),
});
export type MailSettings = z.infer<typeof MailSettings>;

export const DEFAULT_MAIL_SETTINGS: MailSettings = { replyDelaySeconds: null, transcriptOnClose: false };

/** Mails per page of the admin's outbox. */
export const OUTBOX_PAGE_SIZE = 20;

export const OutboxQuery = z.object({ page: z.coerce.number().int().min(0).max(100_000).default(0) });

/** One mail of the outbox (a deployment without SMTP), as parsed from its `.eml` file; `html` is sanitized. */
export const OutboxMail = z.object({
  id: z.string(),
  subject: z.string(),
  from: z.string(),
  to: z.string(),
  /** ISO time the mail was written. */
  date: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  /** The `List-Unsubscribe` header, when the mail has one. */
  listUnsubscribe: z.string().nullable(),
});
export type OutboxMail = z.infer<typeof OutboxMail>;

export const OutboxResponse = z.object({
  mails: z.array(OutboxMail),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type OutboxResponse = z.infer<typeof OutboxResponse>;

export const mailVisitorRequests = {
  /** "Email me this conversation": the transcript goes to the visitor's stored address. */
  'transcript:request': {
    payload: z.object({ conversationId: ObjectIdString.optional() }),
    result: z.object({ email: z.string() }),
  },
} as const;
