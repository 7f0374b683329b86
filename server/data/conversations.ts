import { Types } from 'mongoose';
import type { Attachment } from '../../shared/contract/entities';
import { closedList } from './closed-list';
import { recordLock } from './connection';
import { asUpdate, fieldChanges } from './field-changes';
import { insertOnce } from './insert-once';
import { CannedModel, type StoredCanned } from './models/canned.model';
import { ConversationModel, type Conversation } from './models/conversation.model';
import { CsatModel } from './models/csat.model';
import { NoteModel, type StoredNote } from './models/note.model';
import { OpenConversationModel, type OpenConversation } from './models/open-conversation.model';

export type { Conversation, OpenConversation, StoredCanned, StoredNote };

/** The next state from the current one, read inside the conversation's lock; null changes nothing. */
export type ConversationChange = (current: Conversation) => Conversation | null | Promise<Conversation | null>;

/** How far back the closed inbox looks for a page, one UTC day at a time. */
const CLOSED_DAYS_BACK = 60;
/** Days read at once while walking back. */
const DAYS_PER_STEP = 7;
const DAY_MS = 86_400_000;

export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** The fields kept from others so every read is an equality on a bounded set (see the model); every write sets them. */
export function withDerivedFields<T extends Partial<Conversation>>(doc: T, now: Date): T {
  const open = (doc.status ?? 'open') === 'open';
  return {
    ...doc,
    openAssigneeId: open ? (doc.assigneeId ?? null) : null,
    closedDay: open ? null : (doc.closedDay ?? dayOf(doc.closedAt ?? now)),
  };
}

/**
 * The closed list's rebuild: whole UTC days of closing, from `now` backwards, until `limit` are
 * found or `CLOSED_DAYS_BACK` days are read.
 */
async function closedByDay(siteId: Types.ObjectId, limit: number, now: Date): Promise<Conversation[]> {
  const found: Conversation[] = [];
  for (let back = 0; back < CLOSED_DAYS_BACK && found.length < limit; back += DAYS_PER_STEP) {
    const days = Array.from({ length: Math.min(DAYS_PER_STEP, CLOSED_DAYS_BACK - back) }, (_, i) =>
      dayOf(new Date(now.getTime() - (back + i) * DAY_MS)),
    );
    const perDay = await Promise.all(days.map((closedDay) => ConversationModel.find({ siteId, closedDay }).lean<Conversation[]>()));
    found.push(...perDay.flat());
  }
  return found;
}

/**
 * Holds the conversation's lock, re-reads it, applies `change` and writes only the fields that
 * changed, with the fields derived from them; `touch` moves `updatedAt` (the inbox's order).
 */
function write(id: Types.ObjectId, change: ConversationChange, touch: boolean): Promise<Conversation | null> {
  return recordLock().run(`conversation:${id.toHexString()}`, async () => {
    const before = await ConversationModel.findById(id).lean<Conversation>();
    if (!before) return null;
    const next = await change(before);
    if (!next) return before;
    const updatedAt = touch ? new Date() : before.updatedAt;
    const after = withDerivedFields(next, updatedAt);
    const changes = fieldChanges(before, after);
    if (!changes) return before;
    await ConversationModel.updateOne({ _id: id }, asUpdate(changes, { updatedAt }), { timestamps: false });
    if (before.status === 'open' && after.status === 'closed') await closedList.add(before.siteId, id, after.closedAt ?? updatedAt);
    return { ...after, _id: id, createdAt: before.createdAt, updatedAt };
  });
}

export const conversations = {
  /**
   * Runs `work` alone for this conversation across processes, under a lock of its own (`scope`) apart
   * from the one its updates take: for a step that reads the conversation, decides, then writes.
   */
  exclusive<T>(id: Types.ObjectId, scope: string, work: () => Promise<T>): Promise<T> {
    return recordLock().run(`${scope}:${id.toHexString()}`, work);
  },

  async byId(id: string | Types.ObjectId): Promise<Conversation | null> {
    return Types.ObjectId.isValid(id) ? ConversationModel.findById(id).lean<Conversation>() : null;
  },

  /** The site of each conversation of `ids` that exists, by conversation id (ids that are not ids are skipped). */
  async sitesOf(ids: string[]): Promise<Map<string, string>> {
    const valid = ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
    const found = await ConversationModel.find({ _id: { $in: valid } }, { siteId: 1 }).lean<Pick<Conversation, '_id' | 'siteId'>[]>();
    return new Map(found.map((c) => [c._id.toHexString(), c.siteId.toHexString()]));
  },

  async create(fields: {
    _id: Types.ObjectId;
    siteId: Types.ObjectId;
    visitorId: Types.ObjectId;
    visitorName: string;
    previousConversationId?: Types.ObjectId | null;
    offline?: boolean;
  }): Promise<Conversation> {
    return (await ConversationModel.create(fields)).toObject<Conversation>();
  },

  /**
   * The one write path of a conversation, correct across processes (see `write`): answers the
   * stored result, or null when there is no such conversation.
   */
  async update(id: Types.ObjectId, change: ConversationChange): Promise<Conversation | null> {
    return write(id, change, true);
  },

  /** Stores the derived fields of a conversation written before they existed, leaving its activity time alone. */
  async deriveFields(id: Types.ObjectId): Promise<void> {
    await write(id, (current) => current, false);
  },

  /** The site's open conversations, most recently active first. */
  async openOfSite(siteId: Types.ObjectId, limit: number): Promise<Conversation[]> {
    return ConversationModel.find({ siteId, status: 'open' }).sort({ updatedAt: -1 }).limit(limit).lean<Conversation[]>();
  },

  /**
   * The site's latest closed conversations, latest closing first: the closed list's page, each read
   * by `load` (the caller's cache in front of `byId`). Ids no longer found (retention) leave the list.
   */
  async closedOfSite(
    siteId: Types.ObjectId,
    limit: number,
    now: Date,
    load: (id: string) => Promise<Conversation | null>,
  ): Promise<Conversation[]> {
    const ids = await closedList.latest(siteId, limit, () => closedByDay(siteId, limit, now));
    const found = await Promise.all(ids.map(load));
    await closedList.remove(
      siteId,
      ids.filter((_, i) => !found[i]),
    );
    return found.filter((conversation) => conversation !== null);
  },

  /** One visitor's conversations, newest first. */
  async ofVisitor(visitorId: Types.ObjectId, limit: number): Promise<Conversation[]> {
    return ConversationModel.find({ visitorId }).sort({ createdAt: -1 }).limit(limit).lean<Conversation[]>();
  },

  /**
   * A site's open conversations untouched since `before`, in id order after `afterId`: the auto-close
   * job's pages (a background job; the equality on site and status uses the inbox's index).
   */
  async openUntouchedOfSite(siteId: Types.ObjectId, before: Date, afterId: Types.ObjectId | null, limit: number): Promise<Conversation[]> {
    return ConversationModel.find({ siteId, status: 'open', updatedAt: { $lt: before }, ...(afterId && { _id: { $gt: afterId } }) })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Conversation[]>();
  },

  /** How many open conversations the agent is assigned. */
  async openLoadOf(agentId: Types.ObjectId): Promise<number> {
    return ConversationModel.countDocuments({ openAssigneeId: agentId });
  },

  /** Conversations still in the stored shape before `closedDay` and `openAssigneeId` (the start-up migration). */
  async withoutDerivedFields(afterId: Types.ObjectId | null, limit: number): Promise<Types.ObjectId[]> {
    const docs = await ConversationModel.find({ closedDay: { $exists: false }, ...(afterId && { _id: { $gt: afterId } }) })
      .sort({ _id: 1 })
      .limit(limit)
      .select({ _id: 1 })
      .lean<Array<{ _id: Types.ObjectId }>>();
    return docs.map((d) => d._id);
  },
};

/**
 * Which conversation is a visitor's open one: the claim's `_id` is the visitor's id, so claiming is
 * an insert against the primary key (atomic on every backend) and finding it an `_id` lookup.
 */
export const openConversations = {
  async claim(visitorId: Types.ObjectId, conversationId: Types.ObjectId): Promise<boolean> {
    return (await insertOnce(OpenConversationModel, { _id: visitorId.toHexString(), conversationId })) !== null;
  },

  async of(visitorId: Types.ObjectId): Promise<OpenConversation | null> {
    return OpenConversationModel.findById(visitorId.toHexString()).lean<OpenConversation>();
  },

  /** Releases the visitor's claim if it still names this conversation. */
  async release(visitorId: Types.ObjectId, conversationId: Types.ObjectId): Promise<void> {
    await OpenConversationModel.deleteOne({ _id: visitorId.toHexString(), conversationId });
  },
};

/** Agents' internal notes, stored once per (conversation, client id). */
export const notes = {
  /** The note as stored, and whether this call stored it (false: a re-send of the same client id). */
  async add(fields: Omit<StoredNote, '_id' | 'createdAt'>): Promise<{ note: StoredNote; created: boolean }> {
    const _id = `${fields.conversationId.toHexString()}:${fields.clientId}`;
    const inserted = await insertOnce<StoredNote>(NoteModel, { _id, ...fields });
    if (inserted) return { note: inserted, created: true };
    const stored = await NoteModel.findById(_id).lean<StoredNote>();
    if (!stored) throw new Error(`note ${_id} collided but cannot be read`);
    return { note: stored, created: false };
  },

  async ofConversation(conversationId: Types.ObjectId, limit: number): Promise<StoredNote[]> {
    return NoteModel.find({ conversationId }).sort({ createdAt: 1 }).limit(limit).lean<StoredNote[]>();
  },
};

/** Visitors' ratings of closed conversations: one per conversation. */
export const csatRatings = {
  /** Stores the rating unless the conversation has one; answers whether this call stored it. */
  async recordOnce(
    conversation: Pick<Conversation, '_id' | 'siteId' | 'visitorId'>,
    agentId: Types.ObjectId | null,
    rating: number,
    comment: string,
  ): Promise<boolean> {
    const doc = { _id: conversation._id, siteId: conversation.siteId, visitorId: conversation.visitorId, agentId, rating, comment };
    return (await insertOnce(CsatModel, doc)) !== null;
  },
};

const cannedKey = (siteId: Types.ObjectId, shortcut: string) => `${siteId.toHexString()}:${shortcut}`;

/** What an admin writes of a canned response; no quick replies removes those it had. */
interface CannedFields {
  title: string;
  text: string;
  quickReplies?: string[];
}

/** Canned responses, one per site and shortcut. */
export const cannedResponses = {
  async ofSite(siteId: Types.ObjectId): Promise<StoredCanned[]> {
    return CannedModel.find({ siteId }).sort({ shortcut: 1 }).lean<StoredCanned[]>();
  },

  /** Null when the site has this shortcut already. */
  async create(siteId: Types.ObjectId, fields: CannedFields & { shortcut: string }): Promise<StoredCanned | null> {
    return insertOnce<StoredCanned>(CannedModel, { _id: cannedKey(siteId, fields.shortcut), siteId, ...fields });
  },

  /** Null when the site has no such shortcut. */
  async update(siteId: Types.ObjectId, shortcut: string, { quickReplies, ...fields }: CannedFields): Promise<StoredCanned | null> {
    return CannedModel.findOneAndUpdate(
      { _id: cannedKey(siteId, shortcut) },
      quickReplies ? { $set: { ...fields, quickReplies } } : { $set: fields, $unset: { quickReplies: 1 } },
      { returnDocument: 'after' },
    ).lean<StoredCanned>();
  },

  /** Sets or (with null) clears the attachment; answers the response as it was before, null when the site has no such shortcut. */
  async setAttachment(siteId: Types.ObjectId, shortcut: string, attachment: Attachment | null): Promise<StoredCanned | null> {
    return CannedModel.findOneAndUpdate(
      { _id: cannedKey(siteId, shortcut) },
      attachment ? { $set: { attachment } } : { $unset: { attachment: 1 } },
      { returnDocument: 'before' },
    ).lean<StoredCanned>();
  },

  async byShortcut(siteId: Types.ObjectId, shortcut: string): Promise<StoredCanned | null> {
    return CannedModel.findById(cannedKey(siteId, shortcut)).lean<StoredCanned>();
  },

  /** False when the site has no such shortcut. */
  async remove(siteId: Types.ObjectId, shortcut: string): Promise<boolean> {
    return (await CannedModel.deleteOne({ _id: cannedKey(siteId, shortcut) })).deletedCount > 0;
  },
};
