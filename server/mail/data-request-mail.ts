import { DATA_REQUEST_LINK_HOURS, type DataRequestAction } from '../../shared/contract/visitor-privacy';
import { type DataRequestKey, dataRequestCatalogs } from '../../shared/i18n/catalogs/data-request';
import { isRtl, type LocaleCode } from '../../shared/i18n/locales';
import { translate } from '../../shared/i18n/translate';
import { escapeHtml } from './html';
import type { MailContent } from './mail-content';

export interface DataRequestMailInput {
  action: DataRequestAction;
  locale: LocaleCode;
  siteName: string;
  /** The signed link to the page where the visitor confirms. */
  link: string;
}

/** Subject, plain text and HTML of the mail that confirms a visitor's export or erasure request, in their language. Pure. */
export function renderDataRequestMail({ action, locale, siteName, link }: DataRequestMailInput): MailContent {
  const t = (key: DataRequestKey) => translate(dataRequestCatalogs[locale], key, { site: siteName, hours: DATA_REQUEST_LINK_HOURS });
  const subject = t(`mail.subject.${action}`);
  const text = [t(`mail.intro.${action}`), '', `${t(`action.${action}`)}: ${link}`, '', t('mail.validity'), '--', t('mail.ignore')].join(
    '\n',
  );
  const html = `<!doctype html>
<html lang="${locale}" dir="${isRtl(locale) ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font:15px/1.5 system-ui,sans-serif;color:#1f2933;max-width:40rem;margin:0 auto;padding:16px">
<p>${escapeHtml(t(`mail.intro.${action}`))}</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#2453c7;color:#fff;padding:8px 16px;border-radius:6px;text-decoration:none">${escapeHtml(t(`action.${action}`))}</a></p>
<p>${escapeHtml(t('mail.validity'))}</p>
<hr style="border:0;border-top:1px solid #d8dde3;margin-top:24px">
<p style="font-size:13px;color:#66707a">${escapeHtml(t('mail.ignore'))}</p>
</body></html>`;
  return { subject, text, html };
}
