import type { Types } from 'mongoose';
import { LifecycleSettings } from '../../shared/lifecycle';
import { sites, type Site } from '../data';
import type { Clock } from '../infra/clock';

const CACHE_MS = 5_000;

class SiteNotFound extends Error {}

export interface SiteSnapshot {
  site: Site;
  settings: LifecycleSettings;
}

/**
 * Sites and their effective lifecycle settings (site's own values, then CHECKOUT_IDLE_SECONDS, then
 * the defaults), cached for a few seconds per process so settings changes apply without a restart.
 */
export class SiteDirectory {
  private readonly cache = new Map<string, { at: number; value: Promise<SiteSnapshot> }>();
  /** Public key → site id: a key never moves to another site, so only unknown keys are asked again. */
  private readonly idsByKey = new Map<string, string>();

  constructor(
    private readonly checkoutIdleSeconds: number | undefined,
    private readonly clock: Clock,
  ) {}

  get(siteId: string | Types.ObjectId): Promise<SiteSnapshot> {
    const id = siteId.toString();
    const hit = this.cache.get(id);
    if (hit && this.clock.now() - hit.at < CACHE_MS) return hit.value;
    const value = this.load(id);
    this.cache.set(id, { at: this.clock.now(), value });
    value.catch(() => this.cache.delete(id));
    return value;
  }

  /** The site a widget or webhook names by its public key; null for an unknown key. */
  async byPublicKey(publicKey: string): Promise<Site | null> {
    const id = this.idsByKey.get(publicKey);
    if (id) {
      // A database that is down must answer `unavailable` (retried), not "unknown site".
      const snapshot = await this.get(id).catch((err: unknown) => {
        if (err instanceof SiteNotFound) return null;
        throw err;
      });
      return snapshot?.site ?? null;
    }
    const site = await sites.byPublicKey(publicKey);
    if (site) this.idsByKey.set(publicKey, site._id.toHexString());
    return site;
  }

  /** Forgets a site after its settings changed (here, or on another process: SiteSettingsBroadcast). */
  invalidate(siteId: string): void {
    this.cache.delete(siteId);
  }

  private async load(siteId: string): Promise<SiteSnapshot> {
    const site = await sites.byId(siteId);
    if (!site) throw new SiteNotFound(`site ${siteId} not found`);
    const own = (site.lifecycle ?? {}) as Partial<LifecycleSettings>;
    const settings = LifecycleSettings.parse({
      ...(this.checkoutIdleSeconds !== undefined && { checkoutIdleSeconds: this.checkoutIdleSeconds }),
      ...own,
    });
    return { site, settings };
  }
}
