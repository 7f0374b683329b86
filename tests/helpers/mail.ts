import { randomBytes } from 'node:crypto';
import Bull from 'bull';
import { inject } from 'vitest';
import type { Message } from '../../shared/contract';
import { type AgentSocket, clientId, joinAsVisitor, type Reachable, request } from './test-server';

/**
 * A visitor who told the shop their email address and wrote one message; its conversation.
 * `languages`: the browser's `Accept-Language`.
 */
export async function visitorWithEmail(
  server: Reachable,
  { email = `v-${randomBytes(4).toString('hex')}@example.com`, languages = 'en' } = {},
) {
  const { socket, session } = await joinAsVisitor(server, {}, { 'accept-language': languages });
  const identified = await request(socket, 'visitor:identify', { id: `customer-${randomBytes(4).toString('hex')}`, email });
  if (!identified.ok) throw new Error(`identify failed: ${identified.error.code}`);
  const sent = await request<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text: 'Do you ship to Iceland?' });
  if (!sent.ok) throw new Error(`message:send failed: ${sent.error.code}`);
  return { socket, session, email, conversationId: sent.data.message.conversationId };
}

export async function reply(agent: AgentSocket, conversationId: string, text: string): Promise<Message> {
  const sent = await request<{ message: Message }>(agent, 'message:send', { conversationId, clientId: clientId(), text });
  if (!sent.ok) throw new Error(`agent message:send failed: ${sent.error.code}`);
  return sent.data.message;
}

/** The deployment's mail queue (bull), read from Redis to see what its jobs did. */
export function mailQueue(redisPrefix: string, redisUrl: string = inject('redisUrl')) {
  const queue = new Bull('mail', redisUrl, { prefix: `${redisPrefix}:bull` });
  return {
    /** The outcomes of the conversation's finished reply jobs, in the order they finished. */
    async outcomes(conversationId: string): Promise<string[]> {
      const done = await queue.getCompleted();
      return done
        .filter((job) => job.name === 'reply' && job.data.conversationId === conversationId)
        .sort((a, b) => (a.finishedOn ?? 0) - (b.finishedOn ?? 0))
        .map((job) => (job.returnvalue as { outcome: string }).outcome);
    },
    /** Reply jobs of the conversation still waiting to run. */
    async pending(conversationId: string): Promise<number> {
      const jobs = await queue.getJobs(['delayed', 'waiting', 'active']);
      return jobs.filter((job) => job?.data.conversationId === conversationId).length;
    },
    close: () => queue.close(),
  };
}
