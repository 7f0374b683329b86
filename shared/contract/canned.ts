import { z } from 'zod';
import { Attachment, QuickReplies } from './entities';
import { displayName } from './text';

/** "/shortcut": letters, digits, dashes and underscores. */
export const Shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{1,32}$/, 'letters, digits, - and _ (up to 32)');

export const CannedResponseBody = z.object({
  shortcut: Shortcut,
  title: displayName(120),
  /** May hold {visitor.name}, {order.number} and {agent.name}; the console fills them in. */
  text: z.string().trim().min(1).max(5000),
  /** Offered to the visitor under the text. */
  quickReplies: QuickReplies.optional(),
});
export type CannedResponseBody = z.infer<typeof CannedResponseBody>;

export const CannedResponse = CannedResponseBody.extend({
  id: z.string(),
  updatedAt: z.string(),
  /** A file sent with the text (set with `files.cannedAttach`; the agent sends it with `files.sendCanned`). */
  attachment: Attachment.optional(),
});
export type CannedResponse = z.infer<typeof CannedResponse>;

export const CannedListResponse = z.object({ responses: z.array(CannedResponse) });
export type CannedListResponse = z.infer<typeof CannedListResponse>;
export const CannedResponseResponse = z.object({ response: CannedResponse });
export type CannedResponseResponse = z.infer<typeof CannedResponseResponse>;

/** Changes of the site's canned responses, pushed to every signed-in agent of the site: each console offers the new set at once. */
export const cannedAgentPushes = {
  'canned:saved': CannedResponse,
  'canned:removed': z.object({ shortcut: Shortcut }),
} as const;
