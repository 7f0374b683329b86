import type { Response } from 'express';
import { isRtl, type LocaleCode } from '../../shared/i18n/locales';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A safe HTML fragment: produced by `html`, inserted verbatim by other `html` templates. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = string | number | SafeHtml | SafeHtml[];

function render(value: Interpolation): string {
  if (Array.isArray(value)) return value.map((v) => v.value).join('');
  if (value instanceof SafeHtml) return value.value;
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Tagged template for the server's pages: every interpolated value is escaped unless already SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ''), ''));
}

const PAGE_STYLE = new SafeHtml(
  'body{font:16px/1.6 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2933}' +
    'button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #2453c7;background:#2453c7;color:#fff;cursor:pointer}',
);

/** One of the small pages a link from a mail or the widget opens: in the visitor's language and direction, never indexed or cached. */
export function sendPage(res: Response, status: number, locale: LocaleCode, title: string, body: SafeHtml): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      html`<!doctype html>
<html lang="${locale}" dir="${isRtl(locale) ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title>
<style>${PAGE_STYLE}</style></head>
<body>${body}</body>
</html>`.value,
    );
}
