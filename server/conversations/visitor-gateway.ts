import { Types } from 'mongoose';
import type { ExtendedError, Socket } from 'socket.io';
import { VisitorHandshake, visitorRequests, type ErrorCode } from '../../shared/contract';
import { registerRequests } from '../edge/socket-handler';
import type { Logger } from '../infra/logger';
import type { ReplyAlertQueue } from '../escalation/reply-alert-queue';
import { SiteModel, type Site } from '../sites/site.model';
import { VisitorModel, type Visitor } from '../visitors/visitor.model';
import type { VisitorTokens } from '../visitors/visitor-token';
import { findOpenConversation, messagesAfter, openConversationFor, postMessage } from './conversation-store';
import { broadcastMessage, rooms, type ChatNamespaces } from './namespaces';
import { toMessage } from './serialize';

interface Deps {
  ns: ChatNamespaces;
  tokens: VisitorTokens;
  replyAlerts: ReplyAlertQueue;
  log: Logger;
}

function handshakeError(code: ErrorCode, message: string): ExtendedError {
  return Object.assign(new Error(message), { data: { code } });
}

/** The widget's side of a conversation: identity, history, sending, typing. */
export function attachVisitorGateway({ ns, tokens, replyAlerts, log }: Deps): void {
  ns.visitors.use((socket, next) => {
    identifyVisitor(socket, tokens).then(() => next(), (err: ExtendedError) => next(err));
  });

  ns.visitors.on('connection', (socket) => {
    const { siteId, visitorId } = socket.data;
    void socket.join(rooms.visitor(visitorId));
    const loadVisitor = async (): Promise<Visitor> => {
      const visitor = await VisitorModel.findById(visitorId).lean<Visitor>();
      if (!visitor) throw handshakeError('not_found', 'This visitor no longer exists.');
      return visitor;
    };

    registerRequests(socket, visitorRequests, {
      'visitor:sync': async ({ afterSeq }) => {
        const [conversation, site] = await Promise.all([
          findOpenConversation(new Types.ObjectId(visitorId)),
          SiteModel.findById(siteId).lean<Site>(),
        ]);
        const messages = conversation ? await messagesAfter(conversation._id, afterSeq) : [];
        return {
          visitorId,
          token: socket.data.token,
          site: { name: site?.name ?? '', greeting: site?.greeting ?? '' },
          conversationId: conversation?._id.toHexString() ?? null,
          messages: messages.map(toMessage),
        };
      },
      'message:send': async ({ clientId, text }) => {
        const conversation = await openConversationFor(await loadVisitor());
        const posted = await postMessage({ conversationId: conversation._id, clientId, author: 'visitor', text });
        if (posted.created) {
          broadcastMessage(ns, posted.conversation, posted.message);
          if (posted.conversation.waitingSince) {
            await replyAlerts.schedule(posted.conversation._id.toHexString(), posted.conversation.waitingSince);
          }
        }
        return { message: toMessage(posted.message) };
      },
      'typing:set': async ({ typing }) => {
        const conversation = await findOpenConversation(new Types.ObjectId(visitorId));
        if (conversation) {
          const conversationId = conversation._id.toHexString();
          ns.agents.to(rooms.conversation(conversationId)).emit('typing:changed', { conversationId, typing });
        }
        return null;
      },
    }, log);
  });
}

async function identifyVisitor(
  socket: Socket<never, never, never, { siteId: string; visitorId: string; token: string }>,
  tokens: VisitorTokens,
): Promise<void> {
  const handshake = VisitorHandshake.safeParse(socket.handshake.auth);
  if (!handshake.success) throw handshakeError('invalid_payload', 'The widget sent no site key.');
  const site = await SiteModel.findOne({ publicKey: { $eq: handshake.data.siteKey } }).lean<Site>();
  if (!site) throw handshakeError('site_unknown', 'This chat is not configured: unknown site key.');
  const origin = socket.handshake.headers.origin;
  if (site.allowedOrigins.length > 0 && (!origin || !site.allowedOrigins.includes(origin))) {
    throw handshakeError('origin_not_allowed', 'This website is not allowed to use this chat.');
  }
  const siteId = site._id.toHexString();
  const claims = await tokens.verify(handshake.data.token);
  const known = claims?.siteId === siteId && Types.ObjectId.isValid(claims.visitorId)
    ? await VisitorModel.findOneAndUpdate(
        { _id: claims.visitorId, siteId: site._id },
        { $set: { lastSeenAt: new Date() } },
        { returnDocument: 'after' },
      ).lean<Visitor>()
    : null;
  const visitor = known ?? (await VisitorModel.create({ siteId: site._id })).toObject<Visitor>();
  const visitorId = visitor._id.toHexString();
  socket.data = {
    siteId,
    visitorId,
    token: known && handshake.data.token ? handshake.data.token : await tokens.sign({ visitorId, siteId }),
  };
}
