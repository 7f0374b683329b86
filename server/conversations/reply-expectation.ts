import type { ReplyExpectation } from '../../shared/contract';
import { type BusinessHours, nextOpening } from '../../shared/sites/business-hours';

/** The middle of the measured first-response times, in whole minutes (at least 1); null without any. */
export function typicalReplyMinutes(seconds: readonly number[]): number | null {
  if (seconds.length === 0) return null;
  const sorted = [...seconds].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.max(1, Math.ceil(median / 60));
}

/**
 * What the widget tells a visitor about the reply: outside business hours, when the site opens
 * again; otherwise the site's typical first response of late; nothing when neither is known.
 */
export function replyExpectation(hours: BusinessHours | null, recentReplySeconds: readonly number[], now: Date): ReplyExpectation {
  const opening = nextOpening(hours, now);
  if (hours && opening) return { kind: 'back', at: opening.at.toISOString(), timezone: hours.timezone, sameDay: opening.sameDay };
  const minutes = typicalReplyMinutes(recentReplySeconds);
  return minutes === null ? null : { kind: 'minutes', minutes };
}
