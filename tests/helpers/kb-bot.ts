// What the tests of the answer bot and of the knowledge base it learns from do as a visitor or an agent.
import type mongoose from 'mongoose';
import type { Ack, KbSearchResult, Message } from '../../shared/contract';
import { clientId, joinAsVisitor, request, type AgentSocket, type Reachable, type VisitorSocket } from './test-server';

/** An acknowledgement's data; a refusal throws its error code. */
export async function ok<T>(ack: Promise<Ack<T>>): Promise<T> {
  const result = await ack;
  if (!result.ok) throw new Error(result.error.code);
  return result.data;
}

/**
 * A visitor joined to `server` (the demo site unless `siteKey` names another) and the messages pushed to
 * it since; closed by `sockets.close()` of the caller.
 */
export async function visitorWithMessages(server: Reachable, sockets: Array<{ close(): unknown }>, siteKey?: string) {
  const joined = await joinAsVisitor(server, siteKey ? { siteKey } : {});
  sockets.push(joined.socket);
  const pushed: Message[] = [];
  joined.socket.on('message:new', (message) => pushed.push(message));
  return { ...joined, pushed };
}

/** Sends the visitor's question; the message as stored. */
export const ask = (socket: VisitorSocket, text: string): Promise<Message> =>
  ok(request<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text })).then((d) => d.message);

/** The agent's reply in the conversation carrying the article, inserted as the console does. */
export async function replyWithArticle(agent: AgentSocket, conversationId: string, articleId: string): Promise<void> {
  const insert = await ok(request<{ text: string }>(agent, 'kb:insert', { articleId }));
  await ok(request(agent, 'message:send', { conversationId, clientId: clientId(), text: `Here you go:\n${insert.text}` }));
}

export const botMessages = (pushed: Message[]) => pushed.filter((m) => m.author === 'bot');

/** The title of the best English knowledge-base hit for `query`, or null when none is found. */
export const topHit = async (socket: VisitorSocket | AgentSocket, query: string) =>
  (await ok(request<KbSearchResult>(socket, 'kb:search', { query, locale: 'en', limit: 3 }))).results[0]?.title ?? null;

/** The id of the demo knowledge base's English article `key`. */
export const articleId = async (db: mongoose.Connection, key: string) =>
  (await db.collection('kbarticles').findOne({ key, locale: 'en' }))!._id as mongoose.Types.ObjectId;
