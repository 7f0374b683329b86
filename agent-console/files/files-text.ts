import { useContext } from 'preact/hooks';
import type { AttachmentSettings } from '../../shared/contract';
import { consoleFilesText, type ConsoleFilesKey } from '../../shared/i18n/catalogs/console-files';
import type { LocaleCode } from '../../shared/i18n/locales';
import type { Vars } from '../../shared/i18n/translate';
import type { FileRefusal } from '../../shared/files/accept';
import type { RestErrorCode } from '../../shared/client/rest-client';
import { browserLocale } from '../lib/i18n';
import type { ReadableStore } from '../../shared/client/store';
import { ConsoleSessionContext } from '../state/session-context';
import { useStore } from '../state/use-store';

/** The console's file strings, sizes and refusals in the agent's language. */
export interface FilesText {
  locale: LocaleCode;
  t(key: ConsoleFilesKey, vars?: Vars): string;
  /** "2.4 MB", "830 kB". */
  size(bytes: number): string;
  /** Why a file was refused before upload or by the server, as a sentence naming it. */
  refusal(name: string, reason: FileRefusal | RestErrorCode, settings: AttachmentSettings | null): string;
}

const byLocale = new Map<LocaleCode, FilesText>();

export function filesText(locale: LocaleCode): FilesText {
  let text = byLocale.get(locale);
  if (!text) {
    text = createFilesText(locale);
    byLocale.set(locale, text);
  }
  return text;
}

function createFilesText(locale: LocaleCode): FilesText {
  const t = consoleFilesText(locale);
  const number = (value: number, unit: string) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  return {
    locale,
    t,
    size: (bytes) => (bytes >= 1_000_000 ? number(bytes / 1_000_000, 'megabyte') : number(Math.max(bytes, 1) / 1000, 'kilobyte')),
    refusal(name, reason, settings) {
      switch (reason) {
        case 'too_large':
          return settings ? t('refused.too_large', { name, max: settings.maxMegabytes }) : t('failed.other', { name });
        case 'type_refused': {
          if (settings?.kinds.length === 0) return t('refused.none', { name });
          if (!settings) return t('failed.other', { name });
          const kinds = new Intl.ListFormat(locale, { type: 'conjunction' }).format(settings.kinds.map((kind) => t(`kind.${kind}`)));
          return t('refused.type_refused', { name, kinds });
        }
        case 'conversation_closed':
          return t('failed.closed', { name });
        case 'rate_limited':
          return t('failed.rate_limited', { name });
        case 'network':
          return t('failed.network', { name });
        default:
          return t('failed.other', { name });
      }
    },
  };
}

/** The file strings in the signed-in console's language (the browser's outside the workspace). */
export function useFilesText(): FilesText {
  const session = useContext(ConsoleSessionContext);
  const { locale } = useStore<{ locale: LocaleCode }>(session?.i18n ?? browserLanguage());
  return filesText(locale);
}

let browser: ReadableStore<{ locale: LocaleCode }> | undefined;
function browserLanguage(): ReadableStore<{ locale: LocaleCode }> {
  if (!browser) {
    const snapshot = { locale: browserLocale() };
    browser = { get: () => snapshot, subscribe: () => () => {} };
  }
  return browser;
}
