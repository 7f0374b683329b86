import type { SitePublicInfo } from '../../shared/contract';
import { adoptStyles } from '../adopt-styles';
import type { SiteStore } from './site-store';

/**
 * Keeps the widget in the synced site's colour and corner: custom properties the launcher's, the panel's
 * and the teaser's styles read. The loader of the next page applies the kept style before the app is here;
 * a style that differs from it joins the shadow root as a later stylesheet, which wins (the host page's
 * styles stay untouched, and a strict CSP allows it).
 */
export function applyBranding(root: ShadowRoot, store: SiteStore, site: SitePublicInfo | null): void {
  if (!site?.branding) return;
  const { color, position } = site.branding;
  const left = position === 'left';
  const sheet = `:host{--lc-accent:${color};--lc-left:${left ? '20px' : 'auto'};--lc-right:${left ? 'auto' : '20px'}}`;
  if (sheet === store.read('brand')) return;
  store.write('brand', sheet);
  adoptStyles(root, sheet);
}
