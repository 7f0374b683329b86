// What the console's Settings tests share: a loaded site, a WorkplaceApi whose server stores the
// settings it is sent, and the browser's languages.
import { beforeEach, vi } from 'vitest';
import type { WorkplaceApi } from '../../agent-console/api/workplace-api';
import type { SiteSettingsResponse, SiteSettingsUpdate } from '../../shared/contract';
import { LifecycleSettings } from '../../shared/lifecycle';

/** A site that set nothing optional; a test spreads in what it needs. */
export const LOADED_SETTINGS: SiteSettingsResponse = {
  settings: {
    name: 'Demo Shop',
    greeting: 'Hi!',
    allowedOrigins: [],
    locales: ['en'],
    locale: null,
    businessHours: null,
    lifecycle: {},
    proactiveMessages: {},
    autoAwayMinutes: 10,
    retention: { conversationDays: null, visitorDays: null, analyticsDailyDays: 400 },
    resumePageUrl: null,
  },
  effectiveLifecycle: LifecycleSettings.parse({}),
  publicKey: 'pk_demo',
  snippet: '<script></script>',
  secret: 'secret',
};

/** `loaded` with its site settings overridden by `settings`. */
export const withSettings = (settings: Partial<SiteSettingsResponse['settings']>, loaded = LOADED_SETTINGS): SiteSettingsResponse => ({
  ...loaded,
  settings: { ...loaded.settings, ...settings },
});

/**
 * A WorkplaceApi whose server starts from `loaded`, stores each settings update over what it has and
 * answers with the whole, as the real one does; `refuse` turns an update down with the error it returns.
 * It has no canned responses; any other call rejects.
 */
export function storingWorkplaceApi(loaded = LOADED_SETTINGS, refuse?: (update: SiteSettingsUpdate) => Error | null) {
  let stored = loaded;
  const saveSettings = vi.fn(async (update: SiteSettingsUpdate): Promise<SiteSettingsResponse> => {
    const refusal = refuse?.(update);
    if (refusal) throw refusal;
    stored = withSettings(update, stored);
    return stored;
  });
  const scripted: Partial<WorkplaceApi> = { settings: async () => stored, saveSettings, canned: async () => [] };
  const api = new Proxy(scripted as WorkplaceApi, {
    get: (target, key: string) => target[key as keyof WorkplaceApi] ?? (() => Promise.reject(new Error('not scripted'))),
  });
  return { api, saveSettings };
}

/** Makes `navigator.languages` in each test what the returned setter was last given (English at first). */
export function useNavigatorLanguages(): (languages: readonly string[]) => void {
  let current: readonly string[] = ['en'];
  beforeEach(() => {
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => current });
  });
  return (languages) => {
    current = languages;
  };
}
