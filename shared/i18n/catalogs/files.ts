// The widget's files and images: the strings of its lazily loaded chunk (sending, refusals, the
// image viewer), in every language, so the catalog every visitor downloads stays small. Only the
// Attach button's label lives in the main catalogs. Every language must have each English key.
import type { LocaleCode } from '../locales';
import { translate, type Vars } from '../translate';

const en = {
  'files.sending': 'Sending {name}',
  'files.cancel': 'Cancel',
  'files.retry': 'Try again',
  'files.dismiss': 'Dismiss',
  'files.tooLarge': '{name} is too large. You can send files up to {max} MB.',
  'files.refused': '{name} cannot be sent: this kind of file is not accepted here.',
  'files.tooFast': 'You are sending files too quickly. Please wait a moment and try again.',
  'files.failed': '{name} was not sent. Please try again.',
  'files.open': 'Show {name} in full size',
  'files.close': 'Close',
} as const;

export type FilesKey = keyof typeof en;

export const filesCatalogs: Record<LocaleCode, Readonly<Record<FilesKey, string>>> = {
  en,
  ro: {
    'files.sending': 'Se trimite {name}',
    'files.cancel': 'Anulează',
    'files.retry': 'Încearcă din nou',
    'files.dismiss': 'Închide mesajul',
    'files.tooLarge': '{name} este prea mare. Puteți trimite fișiere de până la {max} MB.',
    'files.refused': '{name} nu poate fi trimis: acest tip de fișier nu este acceptat aici.',
    'files.tooFast': 'Trimiteți fișiere prea repede. Așteptați puțin și încercați din nou.',
    'files.failed': '{name} nu a fost trimis. Vă rugăm să încercați din nou.',
    'files.open': 'Afișează {name} la dimensiune completă',
    'files.close': 'Închide',
  },
  pl: {
    'files.sending': 'Wysyłanie: {name}',
    'files.cancel': 'Anuluj',
    'files.retry': 'Spróbuj ponownie',
    'files.dismiss': 'Zamknij komunikat',
    'files.tooLarge': 'Plik {name} jest za duży. Możesz wysyłać pliki do {max} MB.',
    'files.refused': 'Nie można wysłać pliku {name}: ten rodzaj pliku nie jest tu przyjmowany.',
    'files.tooFast': 'Wysyłasz pliki zbyt szybko. Poczekaj chwilę i spróbuj ponownie.',
    'files.failed': 'Plik {name} nie został wysłany. Spróbuj ponownie.',
    'files.open': 'Pokaż {name} w pełnym rozmiarze',
    'files.close': 'Zamknij',
  },
  cs: {
    'files.sending': 'Odesílá se {name}',
    'files.cancel': 'Zrušit',
    'files.retry': 'Zkusit znovu',
    'files.dismiss': 'Zavřít zprávu',
    'files.tooLarge': 'Soubor {name} je příliš velký. Můžete posílat soubory do {max} MB.',
    'files.refused': 'Soubor {name} nelze odeslat: tento druh souboru zde není přijímán.',
    'files.tooFast': 'Posíláte soubory příliš rychle. Chvíli počkejte a zkuste to znovu.',
    'files.failed': 'Soubor {name} nebyl odeslán. Zkuste to prosím znovu.',
    'files.open': 'Zobrazit {name} v plné velikosti',
    'files.close': 'Zavřít',
  },
  ru: {
    'files.sending': 'Отправляется {name}',
    'files.cancel': 'Отменить',
    'files.retry': 'Повторить',
    'files.dismiss': 'Скрыть сообщение',
    'files.tooLarge': 'Файл {name} слишком большой. Можно отправлять файлы до {max} МБ.',
    'files.refused': 'Файл {name} нельзя отправить: такие файлы здесь не принимаются.',
    'files.tooFast': 'Вы отправляете файлы слишком часто. Подождите немного и попробуйте снова.',
    'files.failed': 'Файл {name} не отправлен. Пожалуйста, попробуйте ещё раз.',
    'files.open': 'Показать {name} в полном размере',
    'files.close': 'Закрыть',
  },
  fa: {
    'files.sending': 'در حال ارسال {name}',
    'files.cancel': 'لغو',
    'files.retry': 'تلاش دوباره',
    'files.dismiss': 'بستن پیام',
    'files.tooLarge': 'فایل {name} خیلی بزرگ است. می‌توانید فایل‌هایی تا {max} مگابایت بفرستید.',
    'files.refused': 'فایل {name} را نمی‌توان فرستاد: این نوع فایل اینجا پذیرفته نمی‌شود.',
    'files.tooFast': 'فایل‌ها را خیلی سریع می‌فرستید. کمی صبر کنید و دوباره تلاش کنید.',
    'files.failed': 'فایل {name} فرستاده نشد. لطفاً دوباره تلاش کنید.',
    'files.open': 'نمایش {name} در اندازهٔ کامل',
    'files.close': 'بستن',
  },
};

/** The files chunk's text for `key` in `locale`. */
export const filesText =
  (locale: LocaleCode) =>
  (key: FilesKey, vars?: Vars): string =>
    translate(filesCatalogs[locale], key, vars);
