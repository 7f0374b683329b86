import { z } from 'zod';

/**
 * A UTF-16 surrogate without its pair. The database stores UTF-8, which cannot hold one, and would
 * turn it into U+FFFD after the ack had echoed it raw; so inbound text gets U+FFFD before anything
 * sees it, and what is acked is what is stored.
 */
const LONE_SURROGATE = /\p{Cs}/gu;
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

export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** Every string in a decoded JSON value, object keys included, made well-formed (see LONE_SURROGATE). */
export function wellFormedInput(value: unknown): unknown {
  if (typeof value === 'string') return toWellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormedInput);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [toWellFormed(key), wellFormedInput(item)]));
  }
  return value;
}

// Decoded JSON, a query string or route parameters (the last two without a prototype); never a Buffer or a Date.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Validates an inbound payload or body against its contract schema, after making its text well-formed. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(wellFormedInput(input));
}

/** Text for one line among other text: well-formed, no bidi controls, controls and line breaks as spaces, trimmed. */
export function toSingleLine(text: string): string {
  return toWellFormed(text).replace(BIDI_CONTROL, '').replace(LINE_BREAKING, ' ').trim();
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
