import type { Redis } from 'ioredis';
import type { mailVisitorRequests } from '../../shared/contract';
import type { ConversationStore } from '../conversations/conversation-store';
import { visitors } from '../data';
import type { RequestHandlers } from '../edge/socket-handler';
import { AppError } from '../errors/app-error';
import type { VisitorSocket } from '../realtime/namespaces';
import type { VisitorMail } from './visitor-mail';

/** One transcript per conversation per this many seconds (a visitor pressing the button again gets one mail). */
const TRANSCRIPT_INTERVAL_SECONDS = 60;

/** The widget's mail requests: "Email me this conversation". */
export function mailVisitorHandlers(store: ConversationStore, mail: VisitorMail, redis: Redis) {
  return (socket: VisitorSocket): RequestHandlers<typeof mailVisitorRequests> => ({
    'transcript:request': async ({ conversationId }) => {
      const visitor = await visitors.byId(socket.data.visitorId);
      if (!visitor) throw new AppError('not_found', 'This visitor no longer exists.');
      if (!visitor.email) throw new AppError('invalid_payload', 'Leave your email address first: the transcript goes there.');
      const conversation = conversationId ? await store.loadConversation(conversationId) : await store.findOpenConversation(visitor._id);
      if (!conversation?.visitorId.equals(visitor._id)) throw new AppError('not_found', 'There is no such conversation.');
      const id = conversation._id.toHexString();
      if ((await redis.set(`mail:transcript:${id}`, '1', 'EX', TRANSCRIPT_INTERVAL_SECONDS, 'NX')) !== 'OK') {
        throw new AppError('rate_limited', 'The transcript was sent a moment ago. Please check your inbox.');
      }
      await mail.sendTranscript(conversation, visitor, visitor.email);
      return { email: visitor.email };
    },
  });
}
