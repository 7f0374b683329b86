import { z } from 'zod';
import { LOCALES } from '../i18n/locales';
import { LifecycleSettings } from '../lifecycle';
import { WEEKDAYS, isTimeZone, type Weekday } from '../sites/business-hours';
import { AttachmentSettings } from './files';
import { BrandingSettings } from './branding';
import { MailSettings } from './mail';
import { displayName } from './text';

export const WidgetLocale = z.enum(LOCALES);

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const DayHours = z
  .object({ open: Time, close: Time })
  .refine((day) => day.open < day.close, 'closes before it opens')
  .nullable();
export const BusinessHours = z.object({
  timezone: z.string().refine(isTimeZone, 'not a known time zone'),
  days: z.object(Object.fromEntries(WEEKDAYS.map((day) => [day, DayHours])) as Record<Weekday, typeof DayHours>),
});

/** An origin as browsers send it: scheme, host and optional port, nothing else. */
const Origin = z
  .string()
  .trim()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'an origin such as https://shop.example (no path, no trailing slash)');

/** A page of the shop (http or https) on which the widget runs: where the links in reply emails lead. */
const PageUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'a page address such as https://shop.example/support (http or https)');

const Days = z.number().int('whole days').min(1, 'at least 1 day').max(3650, 'at most 3650 days (10 years)');

/**
 * How long the site keeps what it stores, in days (a background job deletes the rest, see
 * server/retention). Closed conversations go with their messages, notes and rating; a visitor goes
 * once last seen that long ago, unless they have an open conversation or a conversation still kept;
 * their orders (the shop's records) stay, naming only the visitor's id. Analytics older than
 * `analyticsDailyDays` are kept as monthly sums; audit entries older than `auditDays` are deleted.
 */
export const RetentionSettings = z.object({
  /** Days after closing; null keeps conversations. */
  conversationDays: Days.nullable(),
  /** Days after the visitor was last seen; null keeps visitors. */
  visitorDays: Days.nullable(),
  /** Days of analytics kept day by day (at least two months, so daily charts stay daily). */
  analyticsDailyDays: z
    .number()
    .int('whole days')
    .min(62, 'at least 62 days, so daily charts stay daily')
    .max(3650, 'at most 3650 days (10 years)'),
  /** Days the audit trail keeps an entry; absent in what older clients send: `DEFAULT_AUDIT_DAYS`. */
  auditDays: Days.min(30, 'at least 30 days').optional(),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const DEFAULT_RETENTION: RetentionSettings = { conversationDays: null, visitorDays: null, analyticsDailyDays: 400 };

/** Keeping a visitor's question alive (issue 15): when the widget asks for an email address, when a quiet conversation closes. */
export const ContinuitySettings = z.object({
  /** Minutes a visitor message may wait for a reply before the widget asks for an email address (at once when no agent is online). */
  emailPromptMinutes: z.number().int().min(0).max(1440),
  /** Hours without a visitor message after the last agent reply before the conversation closes by itself; 0 never. */
  autoCloseHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90),
});
export type ContinuitySettings = z.infer<typeof ContinuitySettings>;

export const DEFAULT_CONTINUITY: ContinuitySettings = { emailPromptMinutes: 2, autoCloseHours: 48 };

export const DEFAULT_UNANSWERED_EMAIL_MINUTES = 15;

/** The answer bot (issue 16): whether it answers visitors' questions, and how sure it must be. */
export const AnswerBotSettings = z.object({
  enabled: z.boolean(),
  /** The calibrated probability that the article is right, at or above which the bot answers. */
  threshold: z.number().min(0.5, 'at least 0.5 (50 %)').max(0.99, 'at most 0.99 (99 %)'),
});
export type AnswerBotSettings = z.infer<typeof AnswerBotSettings>;

export const DEFAULT_ANSWER_BOT: AnswerBotSettings = { enabled: false, threshold: 0.8 };

/**
 * Consent before storage (issue 18). With `consentRequired` the widget writes nothing on the visitor's
 * device, opens no connection and sends no tracking until the visitor starts the chat after a notice
 * or the host page calls `LifecycleChat.consent(true)`. The widget reads this before anything else
 * (`routes.widget.privacy`), so it is public.
 */
export const PrivacySettings = z.object({
  consentRequired: z.boolean(),
  /** The shop's privacy page, linked from the consent notice; null: no link. */
  policyUrl: PageUrl.nullable(),
});
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const DEFAULT_PRIVACY: PrivacySettings = { consentRequired: false, policyUrl: null };

/** What an admin sets for the site; every part applies without a restart. */
export const SiteSettings = z.object({
  name: displayName(120),
  greeting: z.string().trim().min(1).max(300),
  /** Pages allowed to embed the widget; empty allows any. */
  allowedOrigins: z.array(Origin).max(50),
  /** Languages the site offers; the widget picks among them. */
  locales: z.array(WidgetLocale).min(1),
  /** Pinned widget language; null follows the page and then the browser. */
  locale: WidgetLocale.nullable(),
  /** Outside these hours no agent counts as online, and the widget says when the site opens again; null: always open. */
  businessHours: BusinessHours.nullable(),
  /** The site's own lifecycle thresholds (only what differs from the defaults); includes the escalation SLA. */
  lifecycle: LifecycleSettings.partial(),
  /** The proactive prompt's text per language; without one the widget's built-in text shows. */
  proactiveMessages: z.partialRecord(WidgetLocale, z.string().trim().min(1).max(300)),
  /** Minutes without console activity after which an online agent is set away; 0 never. */
  autoAwayMinutes: z.number().int().min(0).max(480),
  /**
   * Minutes an assigned conversation may wait for a reply before its agent, if offline, gets an email
   * (fractions allowed); null never. Absent in what older clients send: `DEFAULT_UNANSWERED_EMAIL_MINUTES`.
   */
  unansweredEmailMinutes: z.number().min(0.05).max(1440).nullable().optional(),
  retention: RetentionSettings,
  /** Replies and transcripts by email; absent in what older clients send: the defaults (`DEFAULT_MAIL_SETTINGS`). */
  mail: MailSettings.optional(),
  /**
   * The shop's page (with the widget) that "continue the conversation" links in emails open; null:
   * the conversation page this server hosts.
   */
  resumePageUrl: PageUrl.nullable(),
  /** Absent in what older clients send: the defaults (`DEFAULT_CONTINUITY`). */
  continuity: ContinuitySettings.optional(),
  /** Absent in what older clients send: the defaults (`DEFAULT_ANSWER_BOT`, off). */
  answerBot: AnswerBotSettings.optional(),
  /** Files in conversations; absent in what older clients send: the defaults (`DEFAULT_ATTACHMENTS`). */
  attachments: AttachmentSettings.optional(),
  /** The widget's colour, logo and corner; absent in what older clients send: the defaults (`DEFAULT_BRANDING`). */
  branding: BrandingSettings.optional(),
  /** Consent mode; absent in what older clients send: the defaults (`DEFAULT_PRIVACY`, off). */
  privacy: PrivacySettings.optional(),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

export const SiteSettingsUpdate = SiteSettings.partial();
export type SiteSettingsUpdate = z.infer<typeof SiteSettingsUpdate>;

export const SiteSettingsResponse = z.object({
  settings: SiteSettings,
  /** The thresholds in force: the site's own, then the deployment's, then the defaults. */
  effectiveLifecycle: LifecycleSettings,
  publicKey: z.string(),
  /** The script tag to paste into the shop's pages. */
  snippet: z.string(),
  /** Signs the shop's webhooks and identity checks; admins only. */
  secret: z.string(),
});
export type SiteSettingsResponse = z.infer<typeof SiteSettingsResponse>;

export const RotateSecretResponse = z.object({ secret: z.string() });
export type RotateSecretResponse = z.infer<typeof RotateSecretResponse>;
