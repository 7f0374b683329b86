import { z } from 'zod';
import { AttachmentSettings, ClientMessageId, Message } from './entities';

// Defined beside SitePublicInfo, which carries them to the widget.
export { AttachmentSettings, DEFAULT_ATTACHMENTS, FileKind, MAX_FILE_MEGABYTES } from './entities';

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

export const FileSettingsResponse = z.object({ attachments: AttachmentSettings });
export type FileSettingsResponse = z.infer<typeof FileSettingsResponse>;

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
