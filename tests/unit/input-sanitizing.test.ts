import { describe, expect, it } from 'vitest';
import {
  CreateUserBody,
  IdentifyPayload,
  displayName,
  TrackedEvent,
  VisitorHandshake,
  agentRequests,
  isVisible,
  parseInput,
  toSingleLine,
  toStorable,
  visitorRequests,
  storableInput,
} from '../../shared/contract';

const LONE_HIGH = '\uD83D';
const LONE_LOW = '\uDE00';
const SMILE = '\uD83D\uDE00';
/** What the database would store for a lone surrogate. */
const REPLACEMENT = '\uFFFD';
const RLO = '\u202E';
const ZWNJ = '\u200C';

describe('storable text', () => {
  it('replaces lone surrogates and keeps pairs', () => {
    expect(toStorable(`a${LONE_HIGH}b${LONE_LOW}c${SMILE}`)).toBe(`a${REPLACEMENT}b${REPLACEMENT}c${SMILE}`);
    expect(toStorable(`${LONE_LOW}${LONE_HIGH}`)).toBe(REPLACEMENT + REPLACEMENT);
    expect(toStorable('Привет, سلام')).toBe('Привет, سلام');
  });

  it('replaces U+0000, which PostgreSQL cannot store', () => {
    expect(toStorable('a\u0000b')).toBe(`a${REPLACEMENT}b`);
  });

  it('reaches every string of a payload, keys included, and leaves other values alone', () => {
    const at = new Date(0);
    const input = { text: `x${LONE_HIGH}`, list: [LONE_LOW, 1, null, true], nested: { [`k${LONE_HIGH}`]: { at } } };
    expect(storableInput(input)).toEqual({
      text: `x${REPLACEMENT}`,
      list: [REPLACEMENT, 1, null, true],
      nested: { [`k${REPLACEMENT}`]: { at } },
    });
    const bare = Object.assign(Object.create(null) as object, { q: LONE_LOW });
    expect(storableInput(bare)).toEqual({ q: REPLACEMENT });
  });

  it('walks no deeper than any schema reaches, so a deeply nested payload is refused, not a stack overflow', () => {
    let deep: unknown = LONE_HIGH;
    for (let i = 0; i < 20_000; i++) deep = { a: [deep] };
    expect(() => storableInput(deep)).not.toThrow();
    expect(parseInput(visitorRequests['message:send'].payload, { clientId: 'a1b2c3d4e5f6', text: deep }).success).toBe(false);
  });

  it('gives the validated payload its storable text, so the ack echoes what the database stores', () => {
    const parsed = parseInput(visitorRequests['message:send'].payload, { clientId: 'a1b2c3d4e5f6', text: `half an emoji ${LONE_HIGH}` });
    expect(parsed.data?.text).toBe(`half an emoji ${REPLACEMENT}`);
  });
});

describe('single-line display text', () => {
  it('drops bidi embeddings, overrides and isolates, and flattens line breaks and controls', () => {
    expect(toSingleLine(`${RLO}evil\u202C name`)).toBe('evil name');
    expect(toSingleLine('\u2066a\u2067b\u2068c\u2069\u202A\u202B\u202D')).toBe('abc');
    expect(toSingleLine(' Jan\nNovák\u0000\t ')).toBe('Jan Novák');
  });

  it('keeps the zero-width non-joiner that Persian words need, and the joiners of emoji', () => {
    expect(toSingleLine(`می${ZWNJ}خواهم`)).toBe(`می${ZWNJ}خواهم`);
    expect(toSingleLine('👩\u200D💻')).toBe('👩\u200D💻');
  });

  it('knows a text of only invisible characters shows nothing', () => {
    expect(isVisible('\u200B\u200C\u200D\u2060\uFEFF')).toBe(false);
    expect(isVisible(' \u3164\u00AD ')).toBe(false);
    expect(isVisible('\u200BA')).toBe(true);
    expect(isVisible('علی')).toBe(true);
  });
});

describe('names in the contract', () => {
  const required = (name: string) => displayName(120).safeParse(name);
  const identify = (name: string) => IdentifyPayload.parse({ id: 'customer-1', name }).name;

  it('stores a required name without bidi controls, and refuses one that shows nothing', () => {
    expect(required(`${RLO}Mallory`).data).toBe('Mallory');
    expect(required('\u200B\u200D\uFEFF').success).toBe(false);
    expect(required(`${RLO}\u2066`).success).toBe(false);
    expect(required('مریم').data).toBe('مریم');
  });

  it('treats an optional name that shows nothing as no name', () => {
    expect(identify('\u200B\u2060')).toBeUndefined();
    expect(identify('')).toBeUndefined();
    expect(identify(`Jan${RLO}`)).toBe('Jan');
    expect(IdentifyPayload.parse({ id: 'customer-1' }).name).toBeUndefined();
  });

  it('applies to agent names and page titles too', () => {
    expect(CreateUserBody.safeParse({ email: 'a@example.com', name: '\u200B', role: 'agent' }).success).toBe(false);
    expect(CreateUserBody.parse({ email: 'a@example.com', name: `${RLO}Ana`, role: 'agent' }).name).toBe('Ana');
    const view = TrackedEvent.parse({ type: 'page_view', url: 'https://shop.example/', title: `${RLO}Cart\n` });
    expect(view.type === 'page_view' && view.title).toBe('Cart');
  });
});

describe('read positions', () => {
  it.each([
    ['visitor', visitorRequests['conversation:read'].payload, {}],
    ['agent', agentRequests['conversation:read'].payload, { conversationId: '0123456789abcdef01234567' }],
  ])('bounds the %s read position to a sane integer', (_who, schema, ref) => {
    expect(schema.safeParse({ ...ref, seq: 12 }).success).toBe(true);
    expect(schema.safeParse({ ...ref, seq: Number.MAX_SAFE_INTEGER }).success).toBe(false);
    expect(schema.safeParse({ ...ref, seq: -1 }).success).toBe(false);
  });

  it('bounds the position a visitor syncs from', () => {
    const sync = visitorRequests['visitor:sync'].payload;
    expect(sync.safeParse({ afterSeq: Number.MAX_SAFE_INTEGER }).success).toBe(false);
  });
});

describe('visitor handshake', () => {
  it('treats an oversized or malformed token as none, so the visitor starts afresh', () => {
    for (const token of ['x'.repeat(5_000), 'not a token', 42, { $ne: null }]) {
      expect(VisitorHandshake.safeParse({ siteKey: 'pk_x', token }).data).toEqual({ siteKey: 'pk_x', token: undefined });
    }
  });

  it('keeps a well-formed token and still refuses a missing site key', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    expect(VisitorHandshake.parse({ siteKey: 'pk_x', token }).token).toBe(token);
    expect(VisitorHandshake.safeParse({ token }).success).toBe(false);
    expect(VisitorHandshake.safeParse({ siteKey: '' }).success).toBe(false);
  });
});
