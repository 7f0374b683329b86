import type { Attachment, BotAnswer, ConversationSummary, Message } from '../../shared/contract';
import type { SecretKind } from '../../shared/privacy/mask-secrets';
import type { Conversation, StoredMessage } from '../data';
import { toProductCard } from '../visitors/product-card';

export function toMessage(doc: StoredMessage): Message {
  return {
    id: doc._id,
    conversationId: doc.conversationId.toHexString(),
    clientId: doc.clientId,
    seq: doc.seq,
    author: doc.author,
    authorName: doc.authorName ?? null,
    text: doc.text,
    createdAt: doc.createdAt.toISOString(),
    ...(doc.answer && { answer: { articleId: doc.answer.articleId, title: doc.answer.title, mode: doc.answer.mode as BotAnswer['mode'] } }),
    ...(doc.attachment && { attachment: toAttachment(doc.attachment) }),
    ...(doc.card && { card: toProductCard(doc.card) }),
    ...(doc.quickReplies && doc.quickReplies.length > 0 && { quickReplies: doc.quickReplies }),
    ...(doc.masked && doc.masked.length > 0 && { masked: doc.masked as SecretKind[] }),
  };
}

export function toAttachment(stored: NonNullable<StoredMessage['attachment']>): Attachment {
  return {
    id: stored.id,
    name: stored.name,
    type: stored.type,
    size: stored.size,
    ...(stored.width != null && { width: stored.width }),
    ...(stored.height != null && { height: stored.height }),
    ...(stored.thumbnailId != null && { thumbnailId: stored.thumbnailId }),
  };
}

export function toSummary(doc: Conversation): ConversationSummary {
  return {
    id: doc._id.toHexString(),
    visitorId: doc.visitorId.toHexString(),
    visitorName: doc.visitorName,
    status: doc.status,
    assigneeId: doc.assigneeId?.toHexString() ?? null,
    lastMessage: doc.lastMessage
      ? {
          text: doc.lastMessage.text ?? '',
          author: (doc.lastMessage.author ?? 'system') as Message['author'],
          createdAt: (doc.lastMessage.createdAt ?? doc.updatedAt).toISOString(),
        }
      : null,
    waitingSince: doc.waitingSince?.toISOString() ?? null,
    escalation: doc.escalation?.kind
      ? {
          kind: doc.escalation.kind,
          concern: doc.escalation.concern,
          reason: doc.escalation.reason ?? '',
          at: (doc.escalation.at ?? doc.createdAt).toISOString(),
        }
      : null,
    priority: doc.priority,
    offline: doc.offline,
    unread: doc.unread ?? 0,
    visitorReadSeq: doc.visitorReadSeq ?? -1,
    agentReadSeq: doc.agentReadSeq ?? -1,
    closeReason: doc.closeReason ?? null,
    csat: doc.csat?.rating
      ? { rating: doc.csat.rating, comment: doc.csat.comment ?? '', at: (doc.csat.at ?? doc.updatedAt).toISOString() }
      : null,
    previousConversationId: doc.previousConversationId?.toHexString() ?? null,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
