// The endpoints a visitor's browser asks before the widget connects, in a module of their own: the
// widget's consent chunk takes these without the whole table (endpoints.ts puts them under `widget`).

export const widgetEndpoints = {
  /** Public: the consent mode and privacy page (`PrivacySettings`) of the site `?site=<public key>`, asked before the widget stores anything or connects. */
  privacy: { method: 'GET', path: '/api/widget/privacy' },
} as const;
