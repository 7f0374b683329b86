import { DEFAULT_AUDIT_DAYS } from '../../shared/contract/audit-actions';
import { DEFAULT_RETENTION, type RetentionSettings } from '../../shared/contract/settings';

const DAY_MS = 86_400_000;

export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** The day after a `YYYY-MM-DD` day. */
export const nextDay = (day: string): string => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS));

/**
 * The first UTC day still kept when `days` are kept at `now`; records of earlier days are due. A
 * record is kept at least `days` days, and goes within a day after that.
 */
export const cutoffDay = (now: Date, days: number): string => dayOf(new Date(now.getTime() - days * DAY_MS));

export const retentionOf = (site: { retention?: RetentionSettings | null }): RetentionSettings => site.retention ?? DEFAULT_RETENTION;

/** Days the site's audit trail keeps an entry. */
export const auditDaysOf = (settings: RetentionSettings): number => settings.auditDays ?? DEFAULT_AUDIT_DAYS;

/** Whether retention deletes a conversation at `now`: closed before its site's cutoff. */
export function conversationDue(
  conversation: { status?: string | null; closedDay?: string | null },
  settings: RetentionSettings,
  now: Date,
): boolean {
  const { conversationDays } = settings;
  return (
    conversation.status === 'closed' &&
    !!conversation.closedDay &&
    conversationDays !== null &&
    conversation.closedDay < cutoffDay(now, conversationDays)
  );
}

/** Whether a visitor was last seen before the site's cutoff (what else keeps them: `visitorDue`). */
export function visitorExpired(visitor: { lastSeenDay?: string | null }, settings: RetentionSettings, now: Date): boolean {
  const { visitorDays } = settings;
  return visitorDays !== null && !!visitor.lastSeenDay && visitor.lastSeenDay < cutoffDay(now, visitorDays);
}

/**
 * Whether retention deletes a visitor at `now`: expired, with no open conversation, and with every
 * conversation of theirs due as well (those go first) — a kept conversation keeps its visitor, so
 * the console can still show who it was with.
 */
export function visitorDue(
  visitor: { lastSeenDay?: string | null },
  theirs: { openClaim: boolean; conversations: Array<{ status?: string | null; closedDay?: string | null }> },
  settings: RetentionSettings,
  now: Date,
): boolean {
  return (
    visitorExpired(visitor, settings, now) && !theirs.openClaim && theirs.conversations.every((c) => conversationDue(c, settings, now))
  );
}
