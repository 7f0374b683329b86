import { type BrandingSettings, DEFAULT_BRANDING } from '../../shared/contract';
import { readableAccent } from '../../shared/sites/accent-contrast';
import type { Site } from '../data';

/** The branding the widget applies: the site's (or the defaults), its colour made readable under white text. */
export function publicBranding(site: Site | null): BrandingSettings {
  const branding = site?.branding ?? DEFAULT_BRANDING;
  return { ...branding, color: readableAccent(branding.color) };
}
