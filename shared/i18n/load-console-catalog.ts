import type { LocaleCode } from './locales';
import type { ConsoleCatalog } from './translate';

// The agent console's catalogs (and the agents' emails): `<locale>Console` in each catalog module. Kept
// apart from load-catalog.ts, whose widget bundle would otherwise carry them in every language chunk.
const loaders: Record<LocaleCode, () => Promise<ConsoleCatalog>> = {
  en: () => import('./catalogs/en').then((m) => m.enConsole),
  ru: () => import('./catalogs/ru').then((m) => m.ruConsole),
  ro: () => import('./catalogs/ro').then((m) => m.roConsole),
  fa: () => import('./catalogs/fa').then((m) => m.faConsole),
  pl: () => import('./catalogs/pl').then((m) => m.plConsole),
  cs: () => import('./catalogs/cs').then((m) => m.csConsole),
};

export function loadConsoleCatalog(locale: LocaleCode): Promise<ConsoleCatalog> {
  return loaders[locale]();
}
