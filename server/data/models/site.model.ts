import type { AnswerBotSettings, ContinuitySettings, PrivacySettings, RetentionSettings } from '../../../shared/contract/settings';
import type { BusinessHours } from '../../../shared/sites/business-hours';
import type { MailSettings } from '../../../shared/contract/mail';
import type { AttachmentSettings } from '../../../shared/contract/files';
import type { BrandingSettings } from '../../../shared/contract/branding';
import { Schema, model, type InferSchemaType } from 'mongoose';

const siteSchema = new Schema(
  {
    name: { type: String, required: true },
    /** Public: goes into the widget's script tag. */
    publicKey: { type: String, required: true, unique: true },
    /** Private: signs webhooks and identity verification; never sent to browsers. */
    secret: { type: String, required: true },
    /** Origins allowed to embed the widget; empty allows any. */
    allowedOrigins: { type: [String], default: [] },
    greeting: { type: String, default: 'Hi! Ask us anything — we usually answer within a minute.' },
    /** Widget language pinned by the site; null follows the page and the browser. */
    locale: { type: String, default: null },
    /** The site's own lifecycle thresholds (a partial `LifecycleSettings`); missing ones take the defaults. */
    lifecycle: { type: Schema.Types.Mixed, default: () => ({}) },
    /** Languages the site offers (`SiteSettings.locales`). */
    locales: { type: [String], default: () => ['en', 'ru', 'ro', 'fa', 'pl', 'cs'] },
    /** `BusinessHours` (time zone and hours per weekday); null: always open. */
    businessHours: { type: Schema.Types.Mixed, default: null },
    /** The proactive prompt's text per locale; a missing locale shows the widget's built-in text. */
    proactiveMessages: { type: Schema.Types.Mixed, default: () => ({}) },
    /** Minutes without console activity before an online agent is set away; 0 never. */
    autoAwayMinutes: { type: Number, default: 10 },
    /** `SiteSettings.unansweredEmailMinutes`: when an offline agent hears of an unanswered assigned conversation; null never. */
    unansweredEmailMinutes: { type: Number },
    /** `RetentionSettings`; null: the defaults (`DEFAULT_RETENTION`). */
    retention: { type: Schema.Types.Mixed, default: null },
    /** `MailSettings` (replies and transcripts by email); null: the defaults (`DEFAULT_MAIL_SETTINGS`). */
    mail: { type: Schema.Types.Mixed, default: null },
    /** `ContinuitySettings`; null: the defaults (`DEFAULT_CONTINUITY`). */
    continuity: { type: Schema.Types.Mixed, default: null },
    /** `AnswerBotSettings`; null: the defaults (`DEFAULT_ANSWER_BOT`, off). */
    answerBot: { type: Schema.Types.Mixed, default: null },
    /** `AttachmentSettings`; null: the defaults (`DEFAULT_ATTACHMENTS`). */
    attachments: { type: Schema.Types.Mixed, default: null },
    /** `BrandingSettings` (colour, logo, corner); null: the defaults (`DEFAULT_BRANDING`). */
    branding: { type: Schema.Types.Mixed, default: null },
    /** `PrivacySettings` (consent mode, privacy page); null: the defaults (`DEFAULT_PRIVACY`, off). */
    privacy: { type: Schema.Types.Mixed, default: null },
    /** The shop's page that links in emails open (`SiteSettings.resumePageUrl`); null: the server's hosted page. */
    resumePageUrl: { type: String, default: null },
  },
  { timestamps: true },
);

export type Site = Omit<
  InferSchemaType<typeof siteSchema>,
  'businessHours' | 'proactiveMessages' | 'retention' | 'mail' | 'continuity' | 'answerBot' | 'attachments' | 'branding' | 'privacy'
> & {
  _id: import('mongoose').Types.ObjectId;
  businessHours?: BusinessHours | null;
  proactiveMessages?: Partial<Record<string, string>>;
  retention?: RetentionSettings | null;
  mail?: MailSettings | null;
  continuity?: ContinuitySettings | null;
  answerBot?: AnswerBotSettings | null;
  attachments?: AttachmentSettings | null;
  branding?: BrandingSettings | null;
  privacy?: PrivacySettings | null;
};
export const SiteModel = model('Site', siteSchema);
