import { simpleParser } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import type { OutboxMail } from '../../shared/contract/mail';

/** What an admin may see of a mail's HTML: text formatting and links, never scripts, styles or remote images. */
const SAFE_HTML: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'a', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'blockquote', 'hr', 'div', 'span'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
};

const addressText = (value: { text: string } | Array<{ text: string }> | undefined) =>
  (Array.isArray(value) ? value.map((v) => v.text).join(', ') : value?.text) ?? '';

/** One `.eml` file as the outbox lists it: parsed (mailparser) and its HTML sanitized. */
export async function parseOutboxMail(id: string, raw: Buffer): Promise<OutboxMail> {
  const parsed = await simpleParser(raw);
  const unsubscribe = parsed.headerLines.find((header) => header.key === 'list-unsubscribe');
  return {
    id,
    subject: parsed.subject ?? '',
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    date: (parsed.date ?? new Date(Number(id.slice(0, 15)))).toISOString(),
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? sanitizeHtml(parsed.html, SAFE_HTML) : null,
    listUnsubscribe: unsubscribe ? unsubscribe.line.slice(unsubscribe.line.indexOf(':') + 1).trim() : null,
  };
}
