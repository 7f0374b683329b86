import { createStore, type ReadableStore } from '../../shared/client/store';
import { enConsole } from '../../shared/i18n/catalogs/en';
import { isRtl, pickLocale, type LocaleCode } from '../../shared/i18n/locales';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { translate, type ConsoleCatalog, type ConsoleKey, type Vars } from '../../shared/i18n/translate';

/** The console's language: its code, its direction and its translator. */
export interface ConsoleI18n {
  locale: LocaleCode;
  dir: 'ltr' | 'rtl';
  t(key: ConsoleKey, vars?: Vars): string;
}

function i18nOf(locale: LocaleCode, catalog: ConsoleCatalog): ConsoleI18n {
  return { locale, dir: isRtl(locale) ? 'rtl' : 'ltr', t: (key, vars) => translate(catalog, key, vars) };
}

/** The first of the browser's languages the console speaks, else English. */
export function browserLocale(): LocaleCode {
  return pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** English at once (it ships with the console), then the browser's language once its catalog has loaded (English if it fails to). */
export function createConsoleI18n(locale: LocaleCode = browserLocale()): ReadableStore<ConsoleI18n> {
  const store = createStore<{ i18n: ConsoleI18n }>({ i18n: i18nOf('en', enConsole) });
  if (locale !== 'en') {
    loadConsoleCatalog(locale).then(
      (catalog) => store.set({ i18n: i18nOf(locale, catalog) }),
      () => undefined,
    );
  }
  return { get: () => store.get().i18n, subscribe: store.subscribe };
}
