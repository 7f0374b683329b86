// The contract between the loader (widget.js) and the lazily loaded app (widget/app.js).
import type { STORE_KEYS } from './store-keys';

/** The host page's API: `LifecycleChat('open')`, queued before the loader runs, or `LifecycleChat.open()` after. */
export const API_METHODS = ['identify', 'track', 'open', 'openArticle', 'close', 'setLocale', 'on', 'consent'] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/** One call as the host page made it: the method name, then its arguments (unchecked until the app runs it). */
export type ApiCall = ArrayLike<unknown>;

export interface WidgetApp {
  call(args: ApiCall): void;
}

export interface MountOptions {
  siteKey: string;
  /** Origin serving widget.js, the app and the Socket.IO endpoint. */
  baseUrl: string;
  onOpenChange(open: boolean): void;
  /** The launcher's accessible name and badge text ('' hides the badge), in the widget's language. */
  setLauncher(label: string, badge: string): void;
  /** Called when the panel closes while focus was inside it. */
  focusLauncher(): void;
}

export interface AppModule {
  mount(root: ShadowRoot, options: MountOptions): WidgetApp;
}

/**
 * `panel`: the view of a panel left open; `unread`: the badge's count; `seen`: the last message seen (`<conversation id>:<seq>`);
 * `brand`: a stylesheet of the site's colour and corner (widget/app/branding.ts), which the loader applies before the app is here;
 * `consent`: the visitor agreed on this device (consent mode, widget/app/consent).
 */
export type StoreKey = (typeof STORE_KEYS)[number];

/** localStorage key of one of a site's widget values. */
export function storageKey(siteKey: string, key: StoreKey): string {
  return `lifecycle-chat:${siteKey}:${key}`;
}
