import type { answerBotVisitorRequests } from '../../shared/contract/answer-bot';
import type { RequestHandlers } from '../edge/socket-handler';
import type { VisitorSocket } from '../realtime/namespaces';
import type { AnswerBot } from './answer-bot';

export function answerBotVisitorHandlers(bot: AnswerBot) {
  return (socket: VisitorSocket): RequestHandlers<typeof answerBotVisitorRequests> => ({
    'bot:helped': async ({ messageId }) => {
      await bot.helped(socket.data.visitorId, messageId);
      return null;
    },
  });
}
