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

/** Tagged template for the demo pages: every interpolated value is escaped unless already SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ''), ''));
}
