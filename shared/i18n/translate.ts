import type { en, enConsole } from './catalogs/en';

/** Every key of the English catalog; the other catalogs must define each of them (checked by tsc). */
export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;
/** Every key of the agent console's English catalog (`enConsole`); the other catalogs must define each of them. */
export type ConsoleKey = keyof typeof enConsole;
export type ConsoleCatalog = Readonly<Record<ConsoleKey, string>>;
export type Vars = Readonly<Record<string, string | number>>;

/** The catalog's text for `key`, with each `{name}` replaced by `vars.name`. */
export function translate<K extends string>(catalog: Readonly<Record<K, string>>, key: NoInfer<K>, vars?: Vars): string {
  const text = catalog[key];
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole)) : text;
}
