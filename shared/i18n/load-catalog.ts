import type { LocaleCode } from './locales';
import type { Catalog } from './translate';

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
