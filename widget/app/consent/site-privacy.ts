import type { PrivacySettings } from '../../../shared/contract';
import { widgetEndpoints } from '../../../shared/contract/widget-endpoints';
import { serverUrl } from '../server-url';

/**
 * The site's consent mode, asked without credentials. Only an answer that says `consentRequired: false`
 * lets the widget run: an error's body or no answer (offline, blocked) leaves it waiting for consent.
 */
export const sitePrivacy = (siteKey: string): Promise<Partial<PrivacySettings>> =>
  fetch(serverUrl(`${widgetEndpoints.privacy.path}?site=${encodeURIComponent(siteKey)}`), { credentials: 'omit' })
    .then((response) => response.json())
    .catch(() => ({}));
