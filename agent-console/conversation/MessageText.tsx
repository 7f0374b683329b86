import { Fragment } from 'preact';

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Sentence punctuation written right after a link is not part of it ("see https://x.test/a."). */
const TRAILING = /[.,;:!?'"»]+$/;

/** A message's text as plain runs and the http(s) links written in it, in order. */
export function linkPieces(text: string): Array<{ text: string; href?: string }> {
  const pieces: Array<{ text: string; href?: string }> = [];
  let at = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    let url = match[0].replace(TRAILING, '');
    // "(see https://x.test/a)": the closing bracket belongs to the sentence unless the link opened one.
    if (url.endsWith(')') && !url.includes('(')) url = url.slice(0, -1).replace(TRAILING, '');
    if (match.index > at) pieces.push({ text: text.slice(at, match.index) });
    pieces.push({ text: url, href: url });
    at = match.index + url.length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/** A long link may wrap after a slash or before a query, never in the middle of a word. */
function Breakable({ url }: { url: string }) {
  const parts = url.split(/(?<=[^/]\/)|(?=[?&#])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** Message text with its links clickable (opened in a new tab); everything else stays a text node. */
export function MessageText({ text }: { text: string }) {
  return (
    <>
      {linkPieces(text).map((piece, i) =>
        piece.href ? (
          <a key={i} class="message__link" href={piece.href} target="_blank" rel="noopener noreferrer">
            <Breakable url={piece.text} />
          </a>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
