import { describe, expect, it } from 'vitest';
import { excerptOf, plainText, renderMarkdown } from '../../server/kb/markdown';

describe('article Markdown', () => {
  it('renders Markdown, tables and links', () => {
    const html = renderMarkdown(
      '## Returns\n\n**30 days**, see [policy](https://shop.example/returns) or [mail us](mailto:help@shop.example).\n\n| a | b |\n|---|---|\n| 1 | 2 |',
    );
    expect(html).toContain('<h2>Returns</h2>');
    expect(html).toContain('<strong>30 days</strong>');
    expect(html).toContain('<a href="https://shop.example/returns" rel="noopener noreferrer nofollow" target="_blank">policy</a>');
    expect(html).toContain('href="mailto:help@shop.example"');
    expect(html).toContain('<td>2</td>');
  });

  it('removes scripts, event handlers, styles and non-http links', () => {
    const html = renderMarkdown(
      [
        '<script>alert(1)</script>',
        '<img src="https://x.example/a.png" onerror="alert(2)" style="position:fixed">',
        '[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:x)',
        '<a href="JaVaScRiPt:alert(4)">caps</a> <a href="java&#x09;script:alert(5)">entity</a>',
        '<iframe src="https://evil.example"></iframe><svg onload="alert(6)"></svg><p onclick="alert(7)">p</p>',
        '![i](javascript:alert(8))',
      ].join('\n\n'),
    );
    expect(html).not.toMatch(/<script|<iframe|<svg|on\w+=|style=|javascript|vbscript|data:/i);
    expect(html).toContain('<img src="https://x.example/a.png" />');
    expect(html).toContain('<p>p</p>');
  });

  it('reduces Markdown to readable text without markup or raw HTML', () => {
    expect(
      plainText(
        'Our **Canvas Backpack** has *lifetime repairs*: seams.\n\n- one\n- two\n\n<div>hidden</div>\n\n| a | b |\n|---|---|\n| c | d |',
      ),
    ).toBe('Our Canvas Backpack has lifetime repairs: seams. one two a b c d');
  });

  it('leaves tables out of the text an excerpt is cut from', () => {
    const body = 'Orders leave the same day.\n\n| Method | Price |\n|---|---|\n| Standard | $4.90 |\n\nYou get a tracking link.';
    expect(plainText(body, { tables: false })).toBe('Orders leave the same day. You get a tracking link.');
    expect(plainText(body)).toContain('Method Price Standard $4.90');
  });

  it('cuts the excerpt at a sentence end, else at a word boundary', () => {
    const sentences = `${'Short sentence here. '.repeat(12)}And the tail goes on and on.`;
    expect(excerptOf(sentences)).toMatch(/here\.$/);
    expect(excerptOf(sentences).length).toBeLessThanOrEqual(220);
    const words = 'word '.repeat(80).trim();
    expect(excerptOf(words)).toMatch(/word…$/);
    expect(excerptOf('Tiny.')).toBe('Tiny.');
  });
});
