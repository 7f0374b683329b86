// Plain TypeScript, free of zod: the console bundles it.

/** The variables a canned response may use, with the values known for this conversation (null: unknown). */
export interface CannedVariables {
  'visitor.name': string | null;
  'order.number': string | null;
  'agent.name': string | null;
}

export const CANNED_VARIABLES: ReadonlyArray<keyof CannedVariables> = ['visitor.name', 'order.number', 'agent.name'];

export interface Expansion {
  text: string;
  /** Variables without a value: left in the text as written, so the agent sees what to fill in. */
  missing: Array<keyof CannedVariables>;
}

const VARIABLE = /\{\s*([a-z]+\.[a-z]+)\s*\}/gi;

/** Fills {visitor.name}, {order.number} and {agent.name} in; unknown braces stay as they are. */
export function expandCanned(template: string, values: CannedVariables): Expansion {
  const missing = new Set<keyof CannedVariables>();
  const text = template.replace(VARIABLE, (whole, name: string) => {
    const key = name.toLowerCase() as keyof CannedVariables;
    if (!(CANNED_VARIABLES as readonly string[]).includes(key)) return whole;
    const value = values[key]?.trim();
    if (!value) {
      missing.add(key);
      return `{${key}}`;
    }
    return value;
  });
  return { text, missing: CANNED_VARIABLES.filter((key) => missing.has(key)) };
}

/** The "/shortcut" being typed at the start of a draft, or null: completion offers matching responses. */
export function shortcutQuery(draft: string): string | null {
  const match = /^\/([a-z0-9_-]*)$/i.exec(draft.trimStart());
  return match ? match[1]!.toLowerCase() : null;
}

/** Responses whose shortcut starts with the query, exact match first, then alphabetical. */
export function matchShortcuts<T extends { shortcut: string }>(responses: readonly T[], query: string): T[] {
  return responses
    .filter((r) => r.shortcut.startsWith(query))
    .sort((a, b) => Number(b.shortcut === query) - Number(a.shortcut === query) || a.shortcut.localeCompare(b.shortcut));
}

/** A `{…}` left in a draft for the agent to fill in, where it sits in the text. */
export interface Placeholder {
  name: string;
  start: number;
  end: number;
}

// A name of words joined by dots, dashes, underscores or spaces: "{visitor.name}", "{discount code}";
// never a JSON object or a code block's braces.
const PLACEHOLDER = /\{\s*([\p{L}\p{N}_][\p{L}\p{N}_.-]*(?: [\p{L}\p{N}_.-]+){0,4})\s*\}/gu;

/** The unfilled placeholders of a draft, in order: a reply is not sent while any remains. */
export function placeholdersIn(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1]!, start: m.index, end: m.index + m[0].length }));
}
