import {
  DEFAULT_ANSWER_BOT,
  DEFAULT_ATTACHMENTS,
  DEFAULT_BRANDING,
  DEFAULT_CONTINUITY,
  DEFAULT_MAIL_SETTINGS,
  DEFAULT_PRIVACY,
  DEFAULT_RETENTION,
  SiteSettings,
} from '../../shared/contract';
import { sites, type Site } from '../data';
import { unansweredEmailMinutes } from './unanswered-email-minutes';

/** A stored site's settings as the admin sees and sends them, defaults filled in for what it never set. */
export function settingsOf(site: Site): SiteSettings {
  return {
    name: site.name,
    greeting: site.greeting,
    allowedOrigins: site.allowedOrigins,
    locales: site.locales as SiteSettings['locales'],
    locale: (site.locale ?? null) as SiteSettings['locale'],
    businessHours: site.businessHours ?? null,
    lifecycle: (site.lifecycle ?? {}) as SiteSettings['lifecycle'],
    proactiveMessages: site.proactiveMessages ?? {},
    autoAwayMinutes: site.autoAwayMinutes,
    unansweredEmailMinutes: unansweredEmailMinutes(site),
    retention: site.retention ?? DEFAULT_RETENTION,
    mail: site.mail ?? DEFAULT_MAIL_SETTINGS,
    continuity: site.continuity ?? DEFAULT_CONTINUITY,
    resumePageUrl: site.resumePageUrl ?? null,
    answerBot: site.answerBot ?? DEFAULT_ANSWER_BOT,
    attachments: site.attachments ?? DEFAULT_ATTACHMENTS,
    branding: site.branding ?? DEFAULT_BRANDING,
    privacy: site.privacy ?? DEFAULT_PRIVACY,
  };
}

/**
 * Start-up holds stored settings to the schema the API holds new ones to: a value written before a
 * rule was tightened, or by hand in the database, stops the server naming the site and the field
 * instead of misbehaving later.
 */
export function checkStoredSettings(stored: Site[]): void {
  const problems = stored.flatMap((site) => {
    const parsed = SiteSettings.safeParse(settingsOf(site));
    if (parsed.success) return [];
    return parsed.error.issues.map((i) => `  site "${site.name}" (${site._id.toHexString()}) ${i.path.join('.')}: ${i.message}`);
  });
  if (problems.length > 0) throw new Error(`Invalid stored site settings:\n${problems.join('\n')}`);
}

/** Checks every site's stored settings (see checkStoredSettings). */
export async function checkAllStoredSettings(): Promise<void> {
  checkStoredSettings(await sites.all());
}
