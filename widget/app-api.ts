// The contract between the loader (widget.js) and the lazily loaded app (widget/app.js).

/** Commands a host page may queue with `LifecycleChat('open')`. */
export const WIDGET_COMMANDS = ['open', 'close'] as const;
export type WidgetCommand = (typeof WIDGET_COMMANDS)[number];

export type WidgetApp = Record<WidgetCommand, () => void>;

export interface MountOptions {
  siteKey: string;
  /** Origin serving widget.js, the app and the Socket.IO endpoint. */
  baseUrl: string;
  onOpenChange(open: boolean): void;
  onUnreadChange(count: number): void;
  /** Called when the panel closes while focus was inside it. */
  focusLauncher(): void;
}

export interface AppModule {
  mount(root: ShadowRoot, options: MountOptions): WidgetApp;
}

export type StoreKey = 'token' | 'outbox' | 'draft';

/** localStorage key of one of a site's widget values; the loader reads the token to decide when to load the app. */
export function storageKey(siteKey: string, key: StoreKey): string {
  return `lifecycle-chat:${siteKey}:${key}`;
}
