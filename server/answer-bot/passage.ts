import { marked, type Token, type Tokens } from 'marked';
import type { KbLocaleCode } from '../../shared/kb/locales';
import { termsOf } from '../kb/search/text';

/** Roughly three short lines in the widget: enough to answer, short enough to read at a glance. */
const MAX_CHARS = 420;

interface Block {
  /** The block's lines as the visitor reads them: a paragraph, list items, table rows. */
  lines: string[];
  /** The heading the block sits under, for its terms (not shown). */
  heading: string;
}

/**
 * The part of an article that answers a question best, as plain lines: the block (paragraph, list or
 * table, each under its heading) sharing the most terms with the question, then the blocks after it
 * while they fit. A list keeps one item per line and a table one row per line, cells joined by " — ",
 * so the passage reads as the article does instead of as one run-on.
 */
export function bestPassage(markdown: string, question: string, locale: KbLocaleCode): string {
  const blocks = blocksOf(markdown);
  if (blocks.length === 0) return '';
  const wanted = new Set(termsOf(question, locale));
  const scoreOf = (block: Block) => {
    const terms = new Set(termsOf(`${block.heading} ${block.lines.join(' ')}`, locale));
    let shared = 0;
    for (const term of wanted) if (terms.has(term)) shared++;
    return shared;
  };
  let best = 0;
  blocks.forEach((block, i) => {
    if (scoreOf(block) > scoreOf(blocks[best]!)) best = i;
  });
  const lines: string[] = [];
  for (const block of blocks.slice(best)) {
    const fits = lines.join('\n').length + block.lines.join('\n').length <= MAX_CHARS;
    if (lines.length > 0 && !fits) break;
    lines.push(...block.lines);
  }
  return cut(lines.join('\n'));
}

function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  let heading = '';
  for (const token of marked.lexer(markdown, { gfm: true })) {
    if (token.type === 'heading') heading = inline((token as Tokens.Heading).tokens);
    else if (token.type === 'paragraph') blocks.push({ heading, lines: [inline((token as Tokens.Paragraph).tokens)] });
    else if (token.type === 'list') {
      const list = token as Tokens.List;
      blocks.push({
        heading,
        lines: list.items.map((item, i) => `${list.ordered ? `${Number(list.start || 1) + i}.` : '•'} ${inline(item.tokens)}`),
      });
    } else if (token.type === 'table') {
      const table = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inline(cell.tokens)).join(' — ');
      blocks.push({ heading, lines: [row(table.header), ...table.rows.map(row)] });
    } else if (token.type === 'blockquote') {
      blocks.push(...blocksOf((token as Tokens.Blockquote).text).map((b) => ({ ...b, heading })));
    }
  }
  return blocks.filter((block) => block.lines.some((line) => line.trim() !== ''));
}

/** The readable text of inline tokens: emphasis and links reduced to their words. */
function inline(tokens: Token[] | undefined): string {
  let out = '';
  for (const token of tokens ?? []) {
    if (token.type === 'br') out += ' ';
    else if (token.type === 'html') continue;
    else if ('tokens' in token && token.tokens) out += inline(token.tokens);
    else if ('text' in token && typeof token.text === 'string') out += token.text;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** A first block longer than the limit is cut after its last whole sentence (or word) that fits. */
function cut(text: string): string {
  if (text.length <= MAX_CHARS) return text;
  const head = text.slice(0, MAX_CHARS);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '), head.lastIndexOf('\n'));
  if (sentence >= MAX_CHARS / 2) return head.slice(0, sentence + 1).trim();
  return `${head.slice(0, head.lastIndexOf(' ')).replace(/[\s,;:.—-]+$/, '')}…`;
}
