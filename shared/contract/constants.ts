// Plain values shared by server and clients. Kept free of zod so the widget bundle never pulls it in.
export const VISITOR_NAMESPACE = '/visitor';
export const AGENT_NAMESPACE = '/agent';
export const SESSION_COOKIE = 'lc_session';
/** The one global the widget defines on a host page. */
export const WIDGET_GLOBAL = 'LifecycleChat';
/** The query parameter of a "continue the conversation" link: the widget opens that conversation and removes it from the address. */
export const RESUME_PARAM = 'lc_resume';
/** An agent's notification preferences until they change them (`NotificationPreferences`): everything on. */
export const DEFAULT_NOTIFICATION_PREFERENCES = { desktop: true, sound: true, emailWhenOffline: true } as const;
