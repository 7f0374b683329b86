import type { KbArticleSummary, KbRevisionAction } from '../../shared/contract';
import type { KbLocaleCode } from '../../shared/kb/locales';

export const LOCALE_NAMES: Record<KbLocaleCode, string> = {
  en: 'English',
  ru: 'Русский',
  ro: 'Română',
  fa: 'فارسی',
  pl: 'Polski',
  cs: 'Čeština',
};

export function statusLabel(article: Pick<KbArticleSummary, 'status' | 'hasUnpublishedChanges'>): string {
  if (article.status === 'draft') return 'Draft';
  return article.hasUnpublishedChanges ? 'Published · unpublished changes' : 'Published';
}

export const ACTION_LABELS: Record<KbRevisionAction, string> = {
  created: 'Created',
  edited: 'Edited',
  published: 'Published',
  unpublished: 'Unpublished',
  restored: 'Restored',
};
