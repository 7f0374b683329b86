// The widget's language: the host page's choice, the site's, then the page's and the browser's, bounded
// by the languages the site offers; its catalog loads on demand.
import type { Store } from '../../shared/client/store';
import type { SitePublicInfo } from '../../shared/contract';
import { isRtl, type LocaleCode, pickLocale } from '../../shared/i18n/locales';
import { type Catalog, type MessageKey, translate, type Vars } from '../../shared/i18n/translate';
import type { SiteStore } from './site-store';

export type Translate = (key: MessageKey, vars?: Vars) => string;

export interface LocaleState {
  locale: LocaleCode;
  /** The loaded catalog's translator; null until the first catalog has arrived. */
  t: Translate | null;
}

export interface LocaleDeps {
  store: SiteStore;
  loadCatalog(locale: LocaleCode): Promise<Catalog>;
  /** Language tags of the page (`<html lang>`) and then the browser, most preferred first. */
  pageLanguages(): readonly string[];
}

export function textDirection(locale: LocaleCode): 'rtl' | 'ltr' {
  return isRtl(locale) ? 'rtl' : 'ltr';
}

export function createLocale(store: Store<LocaleState>, { store: siteStore, loadCatalog, pageLanguages }: LocaleDeps) {
  /** The site's settings once synced; before that, the ones stored by the last visit. */
  let site: SitePublicInfo | null = null;
  let override: string | null = null;
  let catalogRequest = 0;

  const resolve = (): LocaleCode => {
    const siteLocale = site ? site.locale : siteStore.read('locale');
    const offered = site ? site.locales : (siteStore.read('locales')?.split(',') ?? []);
    return pickLocale([override, siteLocale, ...pageLanguages()], offered);
  };
  store.set({ locale: resolve(), t: null });

  /** Loads the catalog of the language that applies now, unless it is already shown. */
  const apply = (): void => {
    const locale = resolve();
    if (locale === store.get().locale && store.get().t) return;
    const request = ++catalogRequest;
    loadCatalog(locale).then(
      (catalog) => {
        if (request === catalogRequest) store.set({ locale, t: (key, vars) => translate(catalog, key, vars) });
      },
      (error: unknown) => console.error('[LifecycleChat] could not load the language', locale, error),
    );
  };

  return {
    apply,
    /**
     * Picks a widget language explicitly (`setLocale()`); an unsupported tag falls back to the usual order.
     * So does a language the site does not offer: the admin's list bounds the host page's call too.
     */
    setOverride(tag: string | null): void {
      override = tag;
      apply();
    },
    /** The site's settings arrived: remembered for the next visit's first paint, and applied. */
    setSite(synced: SitePublicInfo): void {
      site = synced;
      siteStore.write('locale', synced.locale);
      siteStore.write('locales', synced.locales.join(',') || null);
      apply();
    },
  };
}
