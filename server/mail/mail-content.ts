import { mailCatalogs, type MailMessageKey } from '../../shared/i18n/catalogs/mail';
import { isRtl, type LocaleCode } from '../../shared/i18n/locales';
import { translate } from '../../shared/i18n/translate';
import type { MessageAuthor } from '../../shared/contract/entities';
import { escapeHtml } from './html';

/** One chat line as a mail shows it. */
export interface MailLine {
  author: MessageAuthor;
  /** The agent's name; null for the visitor and system lines. */
  name: string | null;
  text: string;
  at: Date;
}

export interface MailContentInput {
  kind: 'reply' | 'transcript';
  locale: LocaleCode;
  siteName: string;
  /** Reply mails: the agent replies this mail is about, oldest first. */
  replies: MailLine[];
  /** The conversation's lines shown below (reply: the latest; transcript: all), oldest first. */
  conversation: MailLine[];
  /** "Continue the conversation"; null when there is none. */
  resumeUrl: string | null;
  unsubscribeUrl: string;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

type Translate = (key: MailMessageKey, vars?: Record<string, string | number>) => string;

const stamp = (locale: LocaleCode, at: Date) =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;

function speaker(line: MailLine, t: Translate): string {
  if (line.author === 'visitor') return t('you');
  return line.name ?? t('support');
}

/** Subject, plain text and HTML of a reply or transcript mail, in the visitor's language. Pure. */
export function renderMail(input: MailContentInput): MailContent {
  const { kind, locale, siteName, replies, conversation, resumeUrl, unsubscribeUrl } = input;
  const t: Translate = (key, vars) => translate(mailCatalogs[locale], key, { site: siteName, ...vars });
  const subject = t(kind === 'reply' ? 'reply.subject' : 'transcript.subject');
  const intro =
    kind === 'transcript' ? t('transcript.intro') : replies.length > 1 ? t('reply.introMany', { count: replies.length }) : t('reply.intro');
  const lines = (list: MailLine[]) => list.filter((line) => line.author !== 'system' || kind === 'transcript');

  const textLine = (line: MailLine) => `${speaker(line, t)} (${stamp(locale, line.at)}):\n${line.text}`;
  const text = [
    intro,
    ...(kind === 'reply' ? ['', ...replies.map(textLine)] : []),
    ...(resumeUrl ? ['', `${t('continue')}: ${resumeUrl}`] : []),
    '',
    kind === 'reply' ? `— ${t('latest')} —` : '',
    ...lines(conversation).flatMap((line) => [textLine(line), '']),
    '--',
    t('footer'),
    `${t('unsubscribe')}: ${unsubscribeUrl}`,
  ].join('\n');

  const htmlLine = (line: MailLine) =>
    `<p style="margin:0 0 12px"><strong>${escapeHtml(speaker(line, t))}</strong> <span style="color:#66707a">${escapeHtml(
      stamp(locale, line.at),
    )}</span><br>${escapeHtml(line.text).replace(/\n/g, '<br>')}</p>`;
  const dir = isRtl(locale) ? 'rtl' : 'ltr';
  const html = `<!doctype html>
<html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font:15px/1.5 system-ui,sans-serif;color:#1f2933;max-width:40rem;margin:0 auto;padding:16px">
<p>${escapeHtml(intro)}</p>
${kind === 'reply' ? `<div style="border-inline-start:3px solid #2453c7;padding-inline-start:12px">${replies.map(htmlLine).join('\n')}</div>` : ''}
${resumeUrl ? `<p><a href="${escapeHtml(resumeUrl)}" style="display:inline-block;background:#2453c7;color:#fff;padding:8px 16px;border-radius:6px;text-decoration:none">${escapeHtml(t('continue'))}</a></p>` : ''}
${kind === 'reply' ? `<h2 style="font-size:15px;margin-top:24px">${escapeHtml(t('latest'))}</h2>` : ''}
${lines(conversation).map(htmlLine).join('\n')}
<hr style="border:0;border-top:1px solid #d8dde3;margin-top:24px">
<p style="font-size:13px;color:#66707a">${escapeHtml(t('footer'))} <a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(t('unsubscribe'))}</a></p>
</body></html>`;
  return { subject, text, html };
}
