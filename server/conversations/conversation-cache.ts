import type { Redis } from 'ioredis';
import { fromExtendedJson, toExtendedJson, type Conversation, type StoredMessage } from '../data';

/** An idle conversation leaves Redis after a day; the database has its document. */
const TTL_SECONDS = 86_400;

type LastMessage = NonNullable<Conversation['lastMessage']>;
type Hash = Record<string, string>;

/** The fields a message changes: kept in Redis first and written to the document later (see ConversationCache). */
export interface LiveSummary {
  lastMessage: LastMessage | null;
  unread: number;
  waitingSince: Date | undefined;
  agentReadSeq: number;
}

// Writes the stored document unless a newer one is there already; seeds the live summary from it
// when Redis has none (first load, or Redis lost its data).
const STORE = `
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
if tonumber(ARGV[1]) >= version then redis.call('HSET', KEYS[1], 'version', ARGV[1], 'doc', ARGV[2]) end
if redis.call('HEXISTS', KEYS[1], 'seq') == 0 then
  redis.call('HSET', KEYS[1], 'seq', ARGV[3], 'lastSeq', ARGV[3], 'last', ARGV[4], 'unread', ARGV[5], 'agentReadSeq', ARGV[6])
  if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'waitingSince', ARGV[7]) end
end
redis.call('EXPIRE', KEYS[1], ARGV[8])
return redis.call('HGETALL', KEYS[1])`;

const NEXT_SEQ = `
if redis.call('HEXISTS', KEYS[1], 'seq') == 0 then return false end
return redis.call('HINCRBY', KEYS[1], 'seq', 1)`;

const SEQ_AT_LEAST = `
if tonumber(redis.call('HGET', KEYS[1], 'seq') or '-1') < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'seq', ARGV[1]) end
return 1`;

// The same rules the document followed: a visitor message waits and counts as unread; an agent's
// reply answers and reads everything before it; the preview only moves forward.
const RECORD = `
if redis.call('HEXISTS', KEYS[1], 'seq') == 0 then return false end
local seq = tonumber(ARGV[1])
if seq > tonumber(redis.call('HGET', KEYS[1], 'lastSeq') or '-1') then redis.call('HSET', KEYS[1], 'lastSeq', ARGV[1], 'last', ARGV[2]) end
if ARGV[3] == 'visitor' then
  redis.call('HINCRBY', KEYS[1], 'unread', 1)
  local waiting = redis.call('HGET', KEYS[1], 'waitingSince')
  if not waiting or tonumber(ARGV[4]) < tonumber(waiting) then redis.call('HSET', KEYS[1], 'waitingSince', ARGV[4]) end
elseif ARGV[3] == 'agent' then
  redis.call('HDEL', KEYS[1], 'waitingSince')
  redis.call('HSET', KEYS[1], 'unread', 0)
  if seq > tonumber(redis.call('HGET', KEYS[1], 'agentReadSeq') or '-1') then redis.call('HSET', KEYS[1], 'agentReadSeq', ARGV[1]) end
end
return redis.call('HGETALL', KEYS[1])`;

const AGENT_READ = `
if redis.call('HEXISTS', KEYS[1], 'seq') == 0 then return false end
local seq = tonumber(ARGV[1])
if seq <= tonumber(redis.call('HGET', KEYS[1], 'agentReadSeq') or '-1') then return false end
redis.call('HSET', KEYS[1], 'agentReadSeq', ARGV[1])
if seq >= tonumber(redis.call('HGET', KEYS[1], 'lastSeq') or '-1') then redis.call('HSET', KEYS[1], 'unread', 0) end
return redis.call('HGETALL', KEYS[1])`;

const END_WAIT = `redis.call('HDEL', KEYS[1], 'waitingSince') return 1`;

// A wait that no visitor message started (the visitor asked for a person): kept if one is on already.
const START_WAIT = `
if redis.call('HEXISTS', KEYS[1], 'seq') == 0 then return false end
if redis.call('HEXISTS', KEYS[1], 'waitingSince') == 0 then redis.call('HSET', KEYS[1], 'waitingSince', ARGV[1]) end
return redis.call('HGETALL', KEYS[1])`;

const DELETE_IF_EQUAL = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

type Script = (key: string, ...args: Array<string | number>) => Promise<unknown>;

/**
 * Conversations in Redis, in front of the database, for the chat's hot path. On the embedded
 * database every read or update costs milliseconds and updates queue on one file lock, so a chat
 * message costs one insert and everything else about the conversation is answered here:
 * - which conversation is a visitor's open one (`open-conversation:<visitor>`);
 * - each conversation's stored document as of its last update (`conversation:<id>` fields `doc` and
 *   `version`, written through on every update; an older copy never replaces a newer one);
 * - its live summary in the same hash: the next message position and what each message changes
 *   (preview, unread count, waiting since, agent read position). Redis holds these first; the
 *   store writes them to the document a few seconds later. Losing Redis loses at most those
 *   seconds of preview and counters, never a message: the summary restarts from the document, and
 *   message positions from the highest stored one.
 */
export class ConversationCache {
  private readonly scripts: Record<
    'store' | 'nextSeq' | 'seqAtLeast' | 'record' | 'agentRead' | 'startWait' | 'endWait' | 'deleteIfEqual',
    Script
  >;

  constructor(private readonly redis: Redis) {
    const define = (name: string, lua: string): Script => {
      redis.defineCommand(`conversation_${name}`, { numberOfKeys: 1, lua });
      const command = (redis as unknown as Record<string, Script>)[`conversation_${name}`]!;
      return command.bind(redis);
    };
    this.scripts = {
      store: define('store', STORE),
      nextSeq: define('next_seq', NEXT_SEQ),
      seqAtLeast: define('seq_at_least', SEQ_AT_LEAST),
      record: define('record', RECORD),
      agentRead: define('agent_read', AGENT_READ),
      startWait: define('start_wait', START_WAIT),
      endWait: define('end_wait', END_WAIT),
      deleteIfEqual: define('delete_if_equal', DELETE_IF_EQUAL),
    };
  }

  /** The cached conversation, live summary applied; null when Redis has no copy. */
  async get(id: string): Promise<Conversation | null> {
    return toConversation(await this.redis.hgetall(conversationKey(id)));
  }

  /** Caches a document just read from or written to the database; answers the cached conversation. */
  async store(doc: Conversation): Promise<Conversation> {
    const last = doc.lastMessage ?? null;
    const hash = await this.scripts.store(
      conversationKey(doc._id.toHexString()),
      doc.updatedAt.getTime(),
      toExtendedJson(doc),
      last?.seq ?? -1,
      last ? toExtendedJson(last) : '',
      doc.unread ?? 0,
      doc.agentReadSeq ?? -1,
      doc.waitingSince?.getTime() ?? '',
      TTL_SECONDS,
    );
    return toConversation(pairs(hash))!;
  }

  /** The next free message position, or null when the conversation is not cached. */
  async nextSeq(id: string): Promise<number | null> {
    const seq = await this.scripts.nextSeq(conversationKey(id));
    return seq === null ? null : Number(seq);
  }

  /** After a position collided: positions up to `seq` are taken. */
  async seqAtLeast(id: string, seq: number): Promise<void> {
    await this.scripts.seqAtLeast(conversationKey(id), seq);
  }

  /** Applies a stored message to the live summary; null when the conversation is not cached. */
  async record(message: StoredMessage): Promise<Conversation | null> {
    const last: LastMessage = { seq: message.seq, text: message.text, author: message.author, createdAt: message.createdAt };
    const hash = await this.scripts.record(
      conversationKey(message.conversationId.toHexString()),
      message.seq,
      toExtendedJson(last),
      message.author,
      message.createdAt.getTime(),
    );
    return toConversation(pairs(hash));
  }

  /** An agent read up to `seq`: null when it was already read that far (or not cached). */
  async agentRead(id: string, seq: number): Promise<Conversation | null> {
    return toConversation(pairs(await this.scripts.agentRead(conversationKey(id), seq)));
  }

  /** The conversation waits for an answer from `at` on, unless it waits already; null when not cached. */
  async startWait(id: string, at: Date): Promise<Conversation | null> {
    return toConversation(pairs(await this.scripts.startWait(conversationKey(id), at.getTime())));
  }

  async endWait(id: string): Promise<void> {
    await this.scripts.endWait(conversationKey(id));
  }

  async openConversationId(visitorId: string): Promise<string | null> {
    return this.redis.get(openKey(visitorId));
  }

  async setOpenConversation(visitorId: string, conversationId: string): Promise<void> {
    await this.redis.set(openKey(visitorId), conversationId, 'EX', TTL_SECONDS);
  }

  async releaseOpenConversation(visitorId: string, conversationId: string): Promise<void> {
    await this.scripts.deleteIfEqual(openKey(visitorId), conversationId);
  }

  /** Drops what Redis keeps of a conversation deleted by retention, and its visitor's pointer to it. */
  async forgetConversation(conversationId: string, visitorId: string): Promise<void> {
    await Promise.all([this.redis.del(conversationKey(conversationId)), this.releaseOpenConversation(visitorId, conversationId)]);
  }

  /** Drops a deleted visitor's open-conversation pointer. */
  async forgetVisitor(visitorId: string): Promise<void> {
    await this.redis.del(openKey(visitorId));
  }
}

/** The live summary's fields as the document stores them. */
export function liveSummary(conversation: Conversation): LiveSummary {
  return {
    lastMessage: conversation.lastMessage ?? null,
    unread: conversation.unread ?? 0,
    waitingSince: conversation.waitingSince ?? undefined,
    agentReadSeq: conversation.agentReadSeq ?? -1,
  };
}

function toConversation(hash: Hash | null): Conversation | null {
  if (!hash?.doc) return null;
  const doc = fromExtendedJson<Conversation>(hash.doc);
  return {
    ...doc,
    lastMessage: hash.last ? fromExtendedJson<LastMessage>(hash.last) : null,
    unread: Number(hash.unread ?? 0),
    waitingSince: hash.waitingSince ? new Date(Number(hash.waitingSince)) : undefined,
    agentReadSeq: Number(hash.agentReadSeq ?? -1),
  };
}

/** A Lua HGETALL answer ([field, value, …]) as an object; null stays null. */
function pairs(reply: unknown): Hash | null {
  if (!Array.isArray(reply)) return null;
  const hash: Hash = {};
  for (let i = 0; i < reply.length; i += 2) hash[String(reply[i])] = String(reply[i + 1]);
  return hash;
}

const conversationKey = (id: string) => `conversation:${id}`;
const openKey = (visitorId: string) => `open-conversation:${visitorId}`;
