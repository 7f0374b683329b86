import { marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Article Markdown → HTML that is safe to put into any page: rendered by marked, then cleaned by
 * sanitize-html against an allow-list. No script or style elements (their content is dropped too),
 * no event-handler or style attributes, links and images only to http(s) (links also to mailto).
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'del',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'title'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return sanitizeHtml(html, SANITIZE);
}

const INLINE = new Set(['text', 'strong', 'em', 'codespan', 'link', 'del', 'escape', 'image']);

/**
 * The readable text of an article's Markdown (what the search indexes): no markup, no raw HTML.
 * `tables: false` leaves tables out: read cell by cell they are a run-on, no sentence for an excerpt.
 */
export function plainText(markdown: string, { tables = true }: { tables?: boolean } = {}): string {
  const textOf = (tokens: Token[] | undefined): string => {
    let out = '';
    for (const token of tokens ?? []) {
      let piece = '';
      if (token.type === 'list') piece = (token as Tokens.List).items.map((item) => textOf(item.tokens)).join(' ');
      else if (token.type === 'table' && !tables) piece = ' ';
      else if (token.type === 'table') {
        const table = token as Tokens.Table;
        piece = [...table.header, ...table.rows.flat()].map((cell) => textOf(cell.tokens)).join(' ');
      } else if (token.type === 'html' || token.type === 'br') piece = ' ';
      else if ('tokens' in token && token.tokens) piece = textOf(token.tokens);
      else if ('text' in token && typeof token.text === 'string') piece = token.text;
      // Inline pieces join as written; blocks (paragraphs, headings, cells) are separated by a space.
      out += INLINE.has(token.type) ? piece : ` ${piece} `;
    }
    return out;
  };
  return textOf(marked.lexer(markdown, { gfm: true }))
    .replace(/\s+/g, ' ')
    .trim();
}

const EXCERPT_CHARS = 220;

/** The canonical excerpt: the first sentences of the text, cut at a word boundary. */
export function excerptOf(text: string): string {
  if (text.length <= EXCERPT_CHARS) return text;
  const cut = text.slice(0, EXCERPT_CHARS);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
  if (sentenceEnd >= EXCERPT_CHARS / 2) return cut.slice(0, sentenceEnd + 1);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[\s,;:.-]+$/, '')}…`;
}
