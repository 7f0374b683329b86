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

/**
 * The inbox search: an inverted index of word starts → conversation ids, as Redis sets per site.
 * Why not a query on the database: the embedded FerretDB (SQLite backend) answers only `_id`
 * lookups without reading the whole collection, so a regex over messages grows with every message
 * ever sent; set intersections here stay proportional to the matches (see README, inbox search).
 * Adding is SADD, atomic and idempotent, so every process can index what it stores.
 */
export class ConversationSearchIndex {
  constructor(private readonly redis: Redis) {}

  async add(siteId: string, conversationId: string, ...texts: Array<string | null | undefined>): Promise<void> {
    const terms = prefixes(texts.filter(Boolean).join(' '));
    if (terms.length === 0) return;
    const tx = this.redis.pipeline();
    for (const term of terms) tx.sadd(termKey(siteId, term), conversationId);
    await tx.exec();
  }

  /** Ids of conversations matching every word of the query (as word starts); empty when the query has no word. */
  async find(siteId: string, query: string): Promise<string[]> {
    const terms = [...new Set(words(query).map((w) => w.slice(0, MAX_PREFIX)).filter((w) => w.length >= MIN_PREFIX))];
    if (terms.length === 0) return [];
    return this.redis.sinter(...terms.map((term) => termKey(siteId, term)));
  }
}

function termKey(siteId: string, term: string): string {
  return `inbox-search:${siteId}:${term}`;
}
