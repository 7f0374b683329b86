// Every localStorage value the widget keeps for a site (`StoreKey`, app-api.ts), in a module of its
// own: only forgetting a visitor (widget/app/consent) needs the list itself, not the bundles.
export const STORE_KEYS = ['token', 'outbox', 'draft', 'locale', 'locales', 'panel', 'unread', 'seen', 'brand', 'consent'] as const;
