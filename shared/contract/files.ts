import { z } from 'zod';
import { ClientMessageId, Message } from './entities';

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

/**
 * An upload's query: the raw bytes are the request body. `clientId` makes a retried upload one
 * message, as with `message:send`; `name` is only a label (the type is read from the bytes).
 */
export const FileUploadQuery = z.object({
  name: z.string().trim().min(1).max(200),
  clientId: ClientMessageId,
});
export type FileUploadQuery = z.infer<typeof FileUploadQuery>;

/** Where a visitor fetches a file and its thumbnail: signed addresses that stop working at `expiresAt`. */
export const FileLinks = z.object({
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
  expiresAt: z.string(),
});
export type FileLinks = z.infer<typeof FileLinks>;

export const AgentUploadResponse = z.object({ message: Message });
export type AgentUploadResponse = z.infer<typeof AgentUploadResponse>;

export const VisitorUploadResponse = z.object({ message: Message, links: FileLinks });
export type VisitorUploadResponse = z.infer<typeof VisitorUploadResponse>;

export const FileLinksResponse = z.object({ links: FileLinks });
export type FileLinksResponse = z.infer<typeof FileLinksResponse>;

/** A signed download address's query (visitors); agents fetch with their session instead. */
export const FileDownloadQuery = z.object({
  exp: z
    .string()
    .regex(/^\d{1,13}$/)
    .optional(),
  sig: z.string().max(128).optional(),
});
export type FileDownloadQuery = z.infer<typeof FileDownloadQuery>;
