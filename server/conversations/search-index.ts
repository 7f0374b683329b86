import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Word starts are indexed up to this length; longer query words are cut to it. */
const MAX_PREFIX = 15;
const MIN_PREFIX = 2;

/** Lower case, without diacritics, split into words of letters and digits ("Zoë's e-mail" → zoe, s, e, mail). */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Every start of every word, from 2 characters: what a search-as-you-type query can match. */
export function prefixes(text: string): string[] {
  const out = new Set<string>();
  for (const word of words(text)) {
    for (let n = MIN_PREFIX; n <= Math.min(word.length, MAX_PREFIX); n++) out.add(word.slice(0, n));
  }
  return [...out];
}

const ADD_TO_TERMS = `
for _, key in ipairs(KEYS) do redis.call('ZADD', key, 'GT', ARGV[1], ARGV[2]) end
return 1`;

/**
 * The inbox search: an inverted index of word starts → conversation ids, as Redis sorted sets per
 * site scored by the conversation's latest indexed activity, so the most recent matches come first.
 * Why not a query on the database: the embedded FerretDB (SQLite backend) answers only `_id`
 * lookups without reading the whole collection, so a regex over messages grows with every message
 * ever sent; set intersections here stay proportional to the matches (see README, inbox search).
 * Adding is ZADD GT, atomic and idempotent (a score only moves forward), so every process can index
 * what it stores.
 */
export class ConversationSearchIndex {
  private readonly addToTerms: (keyCount: number, ...keysThenScoreAndId: Array<string | number>) => Promise<unknown>;

  constructor(private readonly redis: Redis) {
    // One script call for all of a text's word starts: as a pipeline, each ZADD is a command object of
    // its own in the client, and a message's 10–20 of them were a tenth of the server's CPU under bench:load.
    redis.defineCommand('inbox_search_add', { lua: ADD_TO_TERMS });
    this.addToTerms = (redis as unknown as Record<string, typeof this.addToTerms>).inbox_search_add!.bind(redis);
  }

  async add(siteId: string, conversationId: string, at: number, ...texts: Array<string | null | undefined>): Promise<void> {
    const terms = prefixes(texts.filter(Boolean).join(' '));
    if (terms.length === 0) return;
    await this.addToTerms(terms.length, ...terms.map((term) => termKey(siteId, term)), at, conversationId);
  }

  /** Ids of the `limit` most recent conversations matching every word of the query (as word starts). */
  async find(siteId: string, query: string, limit: number): Promise<string[]> {
    const terms = [
      ...new Set(
        words(query)
          .map((w) => w.slice(0, MAX_PREFIX))
          .filter((w) => w.length >= MIN_PREFIX),
      ),
    ];
    if (terms.length === 0) return [];
    const keys = terms.map((term) => termKey(siteId, term));
    if (keys.length === 1) return this.redis.zrange(keys[0]!, 0, limit - 1, 'REV');
    const scratch = `inbox-search-scratch:${randomUUID()}`;
    const results = await this.redis
      .multi()
      .zinterstore(scratch, keys.length, ...keys, 'AGGREGATE', 'MAX')
      .zrange(scratch, 0, limit - 1, 'REV')
      .del(scratch)
      .exec();
    return (results?.[1]?.[1] as string[] | undefined) ?? [];
  }
}

function termKey(siteId: string, term: string): string {
  return `inbox-search:${siteId}:${term}`;
}
