import { z } from 'zod';

export const answerBotVisitorRequests = {
  /** "That helped" under an answer of the bot: a confirmed resolution. */
  'bot:helped': {
    payload: z.object({ messageId: z.string().min(1).max(200) }),
    result: z.null(),
  },
} as const;
