import { z } from 'zod';

/**
 * What a store cannot hold as sent: a UTF-16 surrogate without its pair (UTF-8 has none, so the
 * database would keep U+FFFD after the ack had echoed it raw) and U+0000 (PostgreSQL's jsonb refuses
 * it, and BSON keys end at it). Inbound text gets U+FFFD for each before anything sees it, so what
 * is acked is what is stored.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what must be caught
const UNSTORABLE = /[\p{Cs}\u0000]/gu;
/** Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): inside a name they reorder the text around it. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
/** Controls and line breaks: a single line has none. */
const LINE_BREAKING = /[\p{Cc}\u2028\u2029]+/gu;
/**
 * What draws nothing: spaces, controls, and the default-ignorable characters (zero-width space and
 * joiners, U+2060, U+FEFF, Hangul fillers, variation selectors…). Only a text made of nothing else
 * is invisible; inside a name they stay, since Persian spells words with the zero-width non-joiner.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Default_Ignorable_Code_Point}]/gu;

export function toStorable(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

/** Deeper than any contract schema reaches: what lies below fails validation whatever its text, so the walk stops there. */
const MAX_INPUT_DEPTH = 32;

/** Every string in a decoded JSON value, object keys included, made storable (see UNSTORABLE). */
export function storableInput(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return toStorable(value);
  if (depth >= MAX_INPUT_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => storableInput(item, depth + 1));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [toStorable(key), storableInput(item, depth + 1)]));
  }
  return value;
}

// Decoded JSON, a query string or route parameters (the last two without a prototype); never a Buffer or a Date.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Validates an inbound payload or body against its contract schema, after making its text storable. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(storableInput(input));
}

/** Text for one line among other text: storable, no bidi controls, controls and line breaks as spaces, trimmed. */
export function toSingleLine(text: string): string {
  return toStorable(text.replace(BIDI_CONTROL, '').replace(LINE_BREAKING, ' ')).trim();
}

/** Whether the text shows anything at all. */
export function isVisible(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

/** A title or label shown on one line among other text (see toSingleLine); may be empty. */
export const displayLine = (max: number) => z.string().overwrite(toSingleLine).max(max);

/** A name shown among other text: one line that shows something. */
export const displayName = (max: number) =>
  displayLine(max).refine(isVisible, 'must show something: it is empty or only invisible characters');

/** An optional name: one that shows nothing counts as none, so readers fall back to their placeholder. */
export const optionalDisplayName = (max: number) =>
  displayLine(max)
    .optional()
    .transform((name) => (name !== undefined && isVisible(name) ? name : undefined));
