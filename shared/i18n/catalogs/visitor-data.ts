// The visitor's own privacy controls in the widget: the consent notice (consent mode) and "Your
// data" (download, delete, a link by email). Their lazily loaded chunks carry these strings in every
// language, so the catalog every visitor downloads stays small. Every language must have each English key.
import type { LocaleCode } from '../locales';
import { translate } from '../translate';

const en = {
  'consent.title': 'Before we chat',
  'consent.notice': 'To answer you, this chat keeps what you write and an identifier on this device. Nothing is stored until you start.',
  'consent.policy': 'Privacy policy',
  'consent.start': 'Start chat',
  'data.title': 'Your data',
  'data.download': 'Download my data',
  'data.delete': 'Delete my data',
  'data.confirm': 'Delete your conversations and everything this chat knows about you? This cannot be undone.',
  'data.confirmDelete': 'Yes, delete',
  'data.cancel': 'Cancel',
  'data.working': 'One moment…',
  'data.deleted': 'Your data was deleted.',
  'data.failed': 'That did not work. Please try again.',
  'data.elsewhere': 'Chatted on another device? We can email you a link.',
  'data.email': 'Email address',
  'data.mailExport': 'Email me my data',
  'data.mailErase': 'Email me a link to delete it',
  'data.mailed': 'If we hold data under that address, a link is on its way. It works for 24 hours.',
} as const;

export type VisitorDataKey = keyof typeof en;

export const visitorDataCatalogs: Record<LocaleCode, Readonly<Record<VisitorDataKey, string>>> = {
  en,
  ro: {
    'consent.title': 'Înainte să vorbim',
    'consent.notice':
      'Pentru a vă răspunde, acest chat păstrează ce scrieți și un identificator pe acest dispozitiv. Nimic nu este salvat până nu începeți.',
    'consent.policy': 'Politica de confidențialitate',
    'consent.start': 'Începeți conversația',
    'data.title': 'Datele dumneavoastră',
    'data.download': 'Descarcă datele mele',
    'data.delete': 'Șterge datele mele',
    'data.confirm': 'Ștergeți conversațiile și tot ce știe acest chat despre dumneavoastră? Acțiunea nu poate fi anulată.',
    'data.confirmDelete': 'Da, șterge',
    'data.cancel': 'Anulează',
    'data.working': 'Un moment…',
    'data.deleted': 'Datele dumneavoastră au fost șterse.',
    'data.failed': 'Nu a funcționat. Vă rugăm să încercați din nou.',
    'data.elsewhere': 'Ați vorbit cu noi pe alt dispozitiv? Vă putem trimite un link pe email.',
    'data.email': 'Adresă de email',
    'data.mailExport': 'Trimite-mi datele pe email',
    'data.mailErase': 'Trimite-mi un link pentru ștergere',
    'data.mailed': 'Dacă avem date la această adresă, un link este pe drum. Este valabil 24 de ore.',
  },
  pl: {
    'consent.title': 'Zanim porozmawiamy',
    'consent.notice':
      'Aby Ci odpowiedzieć, ten czat przechowuje to, co piszesz, oraz identyfikator na tym urządzeniu. Nic nie jest zapisywane, dopóki nie zaczniesz.',
    'consent.policy': 'Polityka prywatności',
    'consent.start': 'Rozpocznij czat',
    'data.title': 'Twoje dane',
    'data.download': 'Pobierz moje dane',
    'data.delete': 'Usuń moje dane',
    'data.confirm': 'Usunąć Twoje rozmowy i wszystko, co ten czat o Tobie wie? Tego nie można cofnąć.',
    'data.confirmDelete': 'Tak, usuń',
    'data.cancel': 'Anuluj',
    'data.working': 'Chwileczkę…',
    'data.deleted': 'Twoje dane zostały usunięte.',
    'data.failed': 'Nie udało się. Spróbuj ponownie.',
    'data.elsewhere': 'Pisałeś z innego urządzenia? Możemy wysłać Ci link e-mailem.',
    'data.email': 'Adres e-mail',
    'data.mailExport': 'Wyślij mi moje dane',
    'data.mailErase': 'Wyślij mi link do ich usunięcia',
    'data.mailed': 'Jeśli mamy dane pod tym adresem, link jest już w drodze. Działa przez 24 godziny.',
  },
  cs: {
    'consent.title': 'Než začneme',
    'consent.notice':
      'Abychom vám mohli odpovědět, tento chat uchovává, co napíšete, a identifikátor v tomto zařízení. Dokud nezačnete, nic se neukládá.',
    'consent.policy': 'Zásady ochrany osobních údajů',
    'consent.start': 'Zahájit chat',
    'data.title': 'Vaše údaje',
    'data.download': 'Stáhnout moje údaje',
    'data.delete': 'Smazat moje údaje',
    'data.confirm': 'Smazat vaše konverzace a vše, co o vás tento chat ví? Tuto akci nelze vrátit.',
    'data.confirmDelete': 'Ano, smazat',
    'data.cancel': 'Zrušit',
    'data.working': 'Okamžik…',
    'data.deleted': 'Vaše údaje byly smazány.',
    'data.failed': 'Nepodařilo se. Zkuste to prosím znovu.',
    'data.elsewhere': 'Psali jste nám z jiného zařízení? Můžeme vám poslat odkaz e-mailem.',
    'data.email': 'E-mailová adresa',
    'data.mailExport': 'Poslat mi moje údaje',
    'data.mailErase': 'Poslat mi odkaz ke smazání',
    'data.mailed': 'Pokud pod touto adresou máme nějaké údaje, odkaz je na cestě. Platí 24 hodin.',
  },
  ru: {
    'consent.title': 'Прежде чем начать',
    'consent.notice':
      'Чтобы ответить вам, этот чат сохраняет ваши сообщения и идентификатор на этом устройстве. Пока вы не начнёте, ничего не сохраняется.',
    'consent.policy': 'Политика конфиденциальности',
    'consent.start': 'Начать чат',
    'data.title': 'Ваши данные',
    'data.download': 'Скачать мои данные',
    'data.delete': 'Удалить мои данные',
    'data.confirm': 'Удалить ваши переписки и всё, что этот чат знает о вас? Это нельзя отменить.',
    'data.confirmDelete': 'Да, удалить',
    'data.cancel': 'Отмена',
    'data.working': 'Минутку…',
    'data.deleted': 'Ваши данные удалены.',
    'data.failed': 'Не получилось. Попробуйте ещё раз.',
    'data.elsewhere': 'Писали нам с другого устройства? Мы можем отправить вам ссылку по почте.',
    'data.email': 'Адрес эл. почты',
    'data.mailExport': 'Прислать мои данные',
    'data.mailErase': 'Прислать ссылку для удаления',
    'data.mailed': 'Если у нас есть данные по этому адресу, ссылка уже в пути. Она действует 24 часа.',
  },
  fa: {
    'consent.title': 'پیش از گفتگو',
    'consent.notice': 'برای پاسخ به شما، این گفتگو نوشته‌های شما و یک شناسه را روی این دستگاه نگه می‌دارد. تا شروع نکنید، چیزی ذخیره نمی‌شود.',
    'consent.policy': 'سیاست حریم خصوصی',
    'consent.start': 'شروع گفتگو',
    'data.title': 'داده‌های شما',
    'data.download': 'دریافت داده‌های من',
    'data.delete': 'حذف داده‌های من',
    'data.confirm': 'گفتگوهای شما و هر آنچه این گفتگو درباره شما می‌داند حذف شود؟ این کار بازگشت‌پذیر نیست.',
    'data.confirmDelete': 'بله، حذف شود',
    'data.cancel': 'انصراف',
    'data.working': 'لحظه‌ای صبر کنید…',
    'data.deleted': 'داده‌های شما حذف شد.',
    'data.failed': 'انجام نشد. لطفاً دوباره تلاش کنید.',
    'data.elsewhere': 'از دستگاه دیگری با ما گفتگو کرده‌اید؟ می‌توانیم پیوندی برایتان ایمیل کنیم.',
    'data.email': 'نشانی ایمیل',
    'data.mailExport': 'داده‌هایم را ایمیل کنید',
    'data.mailErase': 'پیوند حذف را ایمیل کنید',
    'data.mailed': 'اگر داده‌ای با این نشانی داشته باشیم، پیوندی در راه است. تا ۲۴ ساعت معتبر است.',
  },
};

/** The visitor's privacy controls' text in `locale`. */
export const visitorDataText =
  (locale: LocaleCode) =>
  (key: VisitorDataKey): string =>
    translate(visitorDataCatalogs[locale], key);
