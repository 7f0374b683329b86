import type { VisitorNamespace } from '../realtime/namespaces';
import type { SiteDirectory } from './site-directory';

/**
 * A site's settings saved through one server process apply on the others at once: each caches a
 * site for a few seconds (SiteDirectory), and hears here, through the Socket.IO adapter, to forget it.
 */
export class SiteSettingsBroadcast {
  constructor(
    private readonly ns: VisitorNamespace,
    sites: SiteDirectory,
  ) {
    ns.on('site:settingsChanged', (siteId) => sites.invalidate(siteId));
  }

  changed(siteId: string): void {
    this.ns.serverSideEmit('site:settingsChanged', siteId);
  }
}
