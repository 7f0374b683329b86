import type { LocaleCode } from './locales';
import type { Catalog, ConsoleCatalog } from './translate';

// One dynamic import per locale, so a bundler emits each catalog as its own chunk and a page
// downloads only the language it shows.
const loaders: Record<LocaleCode, () => Promise<Catalog>> = {
  en: () => import('./catalogs/en').then((m) => m.en),
  ru: () => import('./catalogs/ru').then((m) => m.ru),
  ro: () => import('./catalogs/ro').then((m) => m.ro),
  fa: () => import('./catalogs/fa').then((m) => m.fa),
  pl: () => import('./catalogs/pl').then((m) => m.pl),
  cs: () => import('./catalogs/cs').then((m) => m.cs),
};

export function loadCatalog(locale: LocaleCode): Promise<Catalog> {
  return loaders[locale]();
}

// The agent console's catalogs (and the agents' emails), apart from the widget's: the widget never downloads them.
const consoleLoaders: Record<LocaleCode, () => Promise<ConsoleCatalog>> = {
  en: () => import('./catalogs/en').then((m) => m.enConsole),
  ru: () => import('./catalogs/ru').then((m) => m.ruConsole),
  ro: () => import('./catalogs/ro').then((m) => m.roConsole),
  fa: () => import('./catalogs/fa').then((m) => m.faConsole),
  pl: () => import('./catalogs/pl').then((m) => m.plConsole),
  cs: () => import('./catalogs/cs').then((m) => m.csConsole),
};

export function loadConsoleCatalog(locale: LocaleCode): Promise<ConsoleCatalog> {
  return consoleLoaders[locale]();
}
