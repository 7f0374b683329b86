import { Types } from 'mongoose';
import type { kbAgentRequests } from '../../shared/contract/kb';
import { articleUrl, insertText } from '../../shared/kb/links';
import { requirePermission } from '../agents/permissions';
import type { ConversationStore } from '../conversations/conversation-store';
import type { AgentSocket } from '../realtime/namespaces';
import { messages } from '../data';
import { AppError } from '../errors/app-error';
import type { RequestHandlers } from '../edge/socket-handler';
import type { KnowledgeBase } from './knowledge-base';

/** The longest query the search takes; a long visitor message is searched by its beginning. */
const MAX_QUERY_CHARS = 300;

/**
 * The console's knowledge-base requests. Suggestions search the conversation's latest visitor
 * message through `KnowledgeBase.search` — the very call the widget's `kb:search` makes — with the
 * answer bot's article for that message, if it sent one, first.
 */
export function kbAgentHandlers(
  kb: KnowledgeBase,
  socket: AgentSocket,
  store: ConversationStore,
  publicUrl: string | undefined,
): RequestHandlers<typeof kbAgentRequests> {
  const user = socket.data.user;
  const siteId = new Types.ObjectId(user.siteId.toHexString());
  const baseUrl = publicUrl ?? `http://${socket.handshake.headers.host ?? 'localhost'}`;
  return {
    'kb:search': async ({ query, locale, limit }) => {
      requirePermission(user, 'kb:read');
      return kb.search(siteId, query, locale, limit);
    },
    'kb:suggest': async ({ conversationId, locale, limit }) => {
      requirePermission(user, 'kb:read');
      const conversation = Types.ObjectId.isValid(conversationId) ? await store.loadConversation(conversationId) : null;
      if (!conversation?.siteId.equals(siteId)) throw new AppError('not_found', 'There is no such conversation on this site.');
      const [latest, botTurn] = await Promise.all([
        messages.latestBy(conversation._id, 'visitor'),
        messages.latestBy(conversation._id, 'bot'),
      ]);
      const query = latest?.text.trim().slice(0, MAX_QUERY_CHARS) ?? null;
      if (!query) return { query: null, locale: await kb.defaultLocale(siteId), results: [] };
      const found = await kb.search(siteId, query, locale, limit);
      // What the answer bot showed the visitor for this question comes first: the agent picks up from there.
      const shown = botTurn?.answer && botTurn.seq > latest!.seq ? botTurn.answer.articleId : null;
      if (!shown || found.results[0]?.id === shown) return { query, ...found };
      const article = await kb.publishedArticle(siteId, shown).catch(() => null);
      if (!article?.published) return { query, ...found };
      const { title, excerpt, category } = article.published;
      const first = { id: shown, title, excerpt, category, score: found.results[0]?.score ?? 1 };
      return { query, ...found, results: [first, ...found.results.filter((hit) => hit.id !== shown)].slice(0, limit) };
    },
    'kb:insert': async ({ articleId }) => {
      requirePermission(user, 'kb:read');
      const article = await kb.publishedArticle(siteId, articleId);
      const id = article._id.toHexString();
      const insert = { id, title: article.published.title, excerpt: article.published.excerpt, url: articleUrl(baseUrl, id) };
      return { ...insert, text: insertText(insert) };
    },
  };
}
