// The widget's language: the host page's choice, the site's, then the page's and the browser's, bounded
// by the languages the site offers; its catalog loads on demand.
import { createStore, type Store } from '../../shared/client/store';
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

export class WidgetLocale {
  readonly store: Store<LocaleState>;
  readonly #deps: LocaleDeps;
  /** The site's settings once synced; before that, the ones stored by the last visit. */
  #site: SitePublicInfo | null = null;
  #override: string | null = null;
  #catalogRequest = 0;

  constructor(deps: LocaleDeps) {
    this.#deps = deps;
    this.store = createStore<LocaleState>({ locale: this.#resolve(), t: null });
  }

  get locale(): LocaleCode {
    return this.store.get().locale;
  }

  /**
   * Picks a widget language explicitly (`setLocale()`); an unsupported tag falls back to the usual order.
   * So does a language the site does not offer: the admin's list bounds the host page's call too.
   */
  setOverride(tag: string | null): void {
    this.#override = tag;
    this.apply();
  }

  /** The site's settings arrived: remembered for the next visit's first paint, and applied. */
  setSite(site: SitePublicInfo): void {
    this.#site = site;
    this.#deps.store.write('locale', site.locale);
    this.#deps.store.write('locales', site.locales.join(',') || null);
    this.apply();
  }

  /** Loads the catalog of the language that applies now, unless it is already shown. */
  apply(): void {
    const locale = this.#resolve();
    if (locale === this.locale && this.store.get().t) return;
    const request = ++this.#catalogRequest;
    this.#deps.loadCatalog(locale).then(
      (catalog) => {
        if (request === this.#catalogRequest) this.store.set({ locale, t: (key, vars) => translate(catalog, key, vars) });
      },
      (error: unknown) => console.error('[LifecycleChat] could not load the language', locale, error),
    );
  }

  #resolve(): LocaleCode {
    const site = this.#site;
    const siteLocale = site ? site.locale : this.#deps.store.read('locale');
    const offered = site ? site.locales : (this.#deps.store.read('locales')?.split(',') ?? []);
    return pickLocale([this.#override, siteLocale, ...this.#deps.pageLanguages()], offered);
  }
}
