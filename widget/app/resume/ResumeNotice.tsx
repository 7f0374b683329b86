// What the panel says about an emailed link, in a chunk of its own with its strings in every
// language: only visitors who arrive from a link download it.
import type { ErrorCode } from '../../../shared/contract';
import { type ResumeKey, resumeCatalogs } from '../../../shared/i18n/catalogs/resume';
import type { ReadyState } from '../view-props';

/** Why the link did not open its conversation; any other refusal reads as an invalid link. */
const REFUSALS: Partial<Record<ErrorCode, ResumeKey>> = { resume_expired: 'resume.expired', resume_used: 'resume.used' };

export function ResumeNotice({ state: { resume, locale } }: { state: ReadyState }) {
  const t = (key: ResumeKey) => resumeCatalogs[locale][key];
  return resume === 'opening' ? (
    <p class="banner" role="status">
      {t('resume.opening')}
    </p>
  ) : (
    <p class="banner banner--warning" role="alert">
      {t((resume && REFUSALS[resume]) ?? 'resume.invalid')}
    </p>
  );
}
