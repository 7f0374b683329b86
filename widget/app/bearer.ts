import type { SiteStore } from './site-store';

/** The visitor's token, as an `Authorization` header's value (requests over HTTP, outside the socket). */
export const bearer = (store: SiteStore): string => `Bearer ${store.read('token')}`;
