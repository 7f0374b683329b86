import { Types } from 'mongoose';
import type { kbVisitorRequests } from '../../shared/contract/kb';
import type { VisitorSocket } from '../conversations/namespaces';
import type { RequestHandlers } from '../edge/socket-handler';
import type { KnowledgeBase } from './knowledge-base';
import { toPublicArticle } from './serialize';

/**
 * The widget's knowledge-base requests: published articles of the visitor's own site only.
 * `onSearched` tells the lifecycle that the visitor searched (an evaluation-stage signal).
 */
export function kbVisitorHandlers(
  kb: KnowledgeBase,
  socket: VisitorSocket,
  onSearched: (visitorId: string) => Promise<unknown>,
): RequestHandlers<typeof kbVisitorRequests> {
  const who = { siteId: new Types.ObjectId(socket.data.siteId), visitorId: new Types.ObjectId(socket.data.visitorId) };
  return {
    'kb:search': async ({ query, locale, limit, mode }) => {
      const result = await kb.search(who.siteId, query, locale, limit);
      if (mode === 'search') {
        await kb.signals.recordSearch(who, result.locale, query, result.results.length);
        await onSearched(socket.data.visitorId);
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
