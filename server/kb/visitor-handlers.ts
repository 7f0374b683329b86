import { Types } from 'mongoose';
import type { kbVisitorRequests } from '../../shared/contract/kb';
import type { DomainEventPublisher } from '../events/domain-events';
import type { VisitorSocket } from '../realtime/namespaces';
import type { RequestHandlers } from '../edge/socket-handler';
import type { KnowledgeBase } from './knowledge-base';
import { toPublicArticle } from './serialize';

/**
 * The widget's knowledge-base requests: published articles of the visitor's own site only.
 * A search is published (`kb.searched`): an evaluation-stage signal for the lifecycle.
 */
export function kbVisitorHandlers(
  kb: KnowledgeBase,
  socket: VisitorSocket,
  events: DomainEventPublisher,
): RequestHandlers<typeof kbVisitorRequests> {
  const who = { siteId: new Types.ObjectId(socket.data.siteId), visitorId: new Types.ObjectId(socket.data.visitorId) };
  return {
    'kb:search': async ({ query, locale, limit, mode }) => {
      const result = await kb.search(who.siteId, query, locale, limit);
      if (mode === 'search') {
        await kb.signals.recordSearch(who, result.locale, query, result.results.length);
        await events.publish('kb.searched', { visitorId: socket.data.visitorId });
      }
      return result;
    },
    'kb:article': async ({ id, locale }) => {
      const article = await kb.publishedArticle(who.siteId, id, locale);
      await kb.signals.recordView(who, article._id, article.locale);
      return toPublicArticle(article);
    },
    'kb:vote': async ({ articleId, helpful }) => {
      const article = await kb.publishedArticle(who.siteId, articleId);
      await kb.signals.recordVote(who, article._id, helpful);
      return null;
    },
  };
}
