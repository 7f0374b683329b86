import { DEFAULT_UNANSWERED_EMAIL_MINUTES } from '../../shared/contract/settings';
import type { Site } from '../data';

/** After how many minutes an offline agent hears of an unanswered assigned conversation; null never. */
export function unansweredEmailMinutes(site: Pick<Site, 'unansweredEmailMinutes'>): number | null {
  return site.unansweredEmailMinutes === undefined ? DEFAULT_UNANSWERED_EMAIL_MINUTES : site.unansweredEmailMinutes;
}
