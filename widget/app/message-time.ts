const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** A message's time of day in the visitor's language ("14:05", "2:05 PM"). */
export function timeOf(iso: string, locale: string): string {
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    timeFormats.set(locale, format);
  }
  return format.format(new Date(iso));
}
