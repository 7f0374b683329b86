// A visitor's own data request confirmed by email (issue 18): the mail with the link and the page the
// link opens. Server side only, like the other mails' texts. Every language must have each English key.
import type { LocaleCode } from '../locales';

const en = {
  'mail.subject.export': 'Download your data from {site}',
  'mail.subject.erase': 'Delete your data at {site}',
  'mail.intro.export': 'You asked in the chat on {site} for a copy of the data it stores about you under this email address.',
  'mail.intro.erase': 'You asked in the chat on {site} to delete the data it stores about you under this email address.',
  'mail.validity': 'The link works for {hours} hours. It opens a page where you confirm; nothing happens before that.',
  'mail.ignore': 'If you did not ask for this, ignore this email: nothing will change.',
  'action.export': 'Download my data',
  'action.erase': 'Delete my data',
  'page.title': 'Your data',
  'page.export':
    'Download a copy of everything {site} stores about you from its chat: your details, conversations, messages, notes about you, orders, ratings and the list of your files, as one JSON file.',
  'page.erase':
    'Delete everything {site} stores about you from its chat: your details, conversations, messages, files, notes about you, orders and ratings. This cannot be undone.',
  'page.erased': 'Your data has been deleted. {site} no longer stores anything about you from its chat.',
  'page.erasing': 'Your data is being deleted. This takes a few moments; you can close this page.',
  'page.failed': 'Your data could not be deleted just now. Please open the link again in a few minutes.',
  'page.gone': 'Nothing is stored about you any more.',
  'page.invalid': 'This link is not valid. Please ask for a new one in the chat.',
  'page.expired': 'This link has expired. Please ask for a new one in the chat.',
} as const;

export type DataRequestKey = keyof typeof en;

export const dataRequestCatalogs: Record<LocaleCode, Readonly<Record<DataRequestKey, string>>> = {
  en,
  ru: {
    'mail.subject.export': 'Скачайте свои данные из {site}',
    'mail.subject.erase': 'Удаление ваших данных в {site}',
    'mail.intro.export': 'Вы попросили в чате на {site} копию данных, которые хранятся о вас под этим адресом электронной почты.',
    'mail.intro.erase': 'Вы попросили в чате на {site} удалить данные, которые хранятся о вас под этим адресом электронной почты.',
    'mail.validity': 'Ссылка действует {hours} часа. Она открывает страницу, где вы подтверждаете запрос; до этого ничего не происходит.',
    'mail.ignore': 'Если вы этого не просили, просто проигнорируйте это письмо: ничего не изменится.',
    'action.export': 'Скачать мои данные',
    'action.erase': 'Удалить мои данные',
    'page.title': 'Ваши данные',
    'page.export':
      'Скачайте копию всего, что {site} хранит о вас из своего чата: ваши данные, разговоры, сообщения, заметки о вас, заказы, оценки и список ваших файлов — одним файлом JSON.',
    'page.erase':
      'Удалите всё, что {site} хранит о вас из своего чата: ваши данные, разговоры, сообщения, файлы, заметки о вас, заказы и оценки. Это действие нельзя отменить.',
    'page.erased': 'Ваши данные удалены. {site} больше ничего не хранит о вас из своего чата.',
    'page.erasing': 'Ваши данные удаляются. Это займёт несколько мгновений; эту страницу можно закрыть.',
    'page.failed': 'Сейчас не удалось удалить ваши данные. Откройте ссылку ещё раз через несколько минут.',
    'page.gone': 'О вас больше ничего не хранится.',
    'page.invalid': 'Эта ссылка недействительна. Запросите новую в чате.',
    'page.expired': 'Срок действия ссылки истёк. Запросите новую в чате.',
  },
  ro: {
    'mail.subject.export': 'Descărcați datele dumneavoastră de la {site}',
    'mail.subject.erase': 'Ștergerea datelor dumneavoastră de la {site}',
    'mail.intro.export': 'Ați cerut în chatul de pe {site} o copie a datelor stocate despre dumneavoastră pentru această adresă de e-mail.',
    'mail.intro.erase': 'Ați cerut în chatul de pe {site} ștergerea datelor stocate despre dumneavoastră pentru această adresă de e-mail.',
    'mail.validity': 'Linkul este valabil {hours} de ore. Deschide o pagină pe care confirmați; până atunci nu se întâmplă nimic.',
    'mail.ignore': 'Dacă nu ați cerut acest lucru, ignorați acest e-mail: nu se va schimba nimic.',
    'action.export': 'Descarcă datele mele',
    'action.erase': 'Șterge datele mele',
    'page.title': 'Datele dumneavoastră',
    'page.export':
      'Descărcați o copie a tot ce stochează {site} despre dumneavoastră din chat: datele dumneavoastră, conversațiile, mesajele, notițele despre dumneavoastră, comenzile, evaluările și lista fișierelor, într-un singur fișier JSON.',
    'page.erase':
      'Ștergeți tot ce stochează {site} despre dumneavoastră din chat: datele dumneavoastră, conversațiile, mesajele, fișierele, notițele despre dumneavoastră, comenzile și evaluările. Acțiunea nu poate fi anulată.',
    'page.erased': 'Datele dumneavoastră au fost șterse. {site} nu mai stochează nimic despre dumneavoastră din chat.',
    'page.erasing': 'Datele dumneavoastră sunt în curs de ștergere. Durează câteva momente; puteți închide această pagină.',
    'page.failed': 'Datele dumneavoastră nu au putut fi șterse acum. Vă rugăm să deschideți linkul din nou peste câteva minute.',
    'page.gone': 'Nu mai este stocat nimic despre dumneavoastră.',
    'page.invalid': 'Acest link nu este valid. Vă rugăm să cereți unul nou în chat.',
    'page.expired': 'Acest link a expirat. Vă rugăm să cereți unul nou în chat.',
  },
  fa: {
    'mail.subject.export': 'داده‌های خود را از {site} دریافت کنید',
    'mail.subject.erase': 'حذف داده‌های شما در {site}',
    'mail.intro.export': 'شما در گفتگوی {site} درخواست یک نسخه از داده‌هایی را کردید که با این نشانی ایمیل درباره شما نگهداری می‌شود.',
    'mail.intro.erase': 'شما در گفتگوی {site} درخواست حذف داده‌هایی را کردید که با این نشانی ایمیل درباره شما نگهداری می‌شود.',
    'mail.validity':
      'این پیوند {hours} ساعت معتبر است. صفحه‌ای را باز می‌کند که در آن درخواست را تأیید می‌کنید؛ پیش از آن هیچ اتفاقی نمی‌افتد.',
    'mail.ignore': 'اگر چنین درخواستی نکرده‌اید، این ایمیل را نادیده بگیرید: چیزی تغییر نمی‌کند.',
    'action.export': 'دریافت داده‌های من',
    'action.erase': 'حذف داده‌های من',
    'page.title': 'داده‌های شما',
    'page.export':
      'یک نسخه از همه آنچه {site} از گفتگوی خود درباره شما نگه می‌دارد دریافت کنید: مشخصات، گفتگوها، پیام‌ها، یادداشت‌های مربوط به شما، سفارش‌ها، امتیازها و فهرست فایل‌هایتان، در یک فایل JSON.',
    'page.erase':
      'همه آنچه {site} از گفتگوی خود درباره شما نگه می‌دارد حذف کنید: مشخصات، گفتگوها، پیام‌ها، فایل‌ها، یادداشت‌های مربوط به شما، سفارش‌ها و امتیازها. این کار بازگشت‌پذیر نیست.',
    'page.erased': 'داده‌های شما حذف شد. {site} دیگر چیزی از گفتگوی خود درباره شما نگه نمی‌دارد.',
    'page.erasing': 'داده‌های شما در حال حذف است. چند لحظه طول می‌کشد؛ می‌توانید این صفحه را ببندید.',
    'page.failed': 'اکنون حذف داده‌های شما ممکن نشد. لطفاً چند دقیقه دیگر دوباره پیوند را باز کنید.',
    'page.gone': 'دیگر هیچ داده‌ای درباره شما نگهداری نمی‌شود.',
    'page.invalid': 'این پیوند معتبر نیست. لطفاً در گفتگو پیوند تازه‌ای درخواست کنید.',
    'page.expired': 'این پیوند منقضی شده است. لطفاً در گفتگو پیوند تازه‌ای درخواست کنید.',
  },
  pl: {
    'mail.subject.export': 'Pobierz swoje dane z {site}',
    'mail.subject.erase': 'Usunięcie Twoich danych w {site}',
    'mail.intro.export': 'Na czacie {site} poprosiłeś(-aś) o kopię danych przechowywanych o Tobie pod tym adresem e-mail.',
    'mail.intro.erase': 'Na czacie {site} poprosiłeś(-aś) o usunięcie danych przechowywanych o Tobie pod tym adresem e-mail.',
    'mail.validity': 'Link działa przez {hours} godziny. Otwiera stronę, na której potwierdzasz prośbę; wcześniej nic się nie dzieje.',
    'mail.ignore': 'Jeśli to nie Ty prosiłeś(-aś), zignoruj tę wiadomość: nic się nie zmieni.',
    'action.export': 'Pobierz moje dane',
    'action.erase': 'Usuń moje dane',
    'page.title': 'Twoje dane',
    'page.export':
      'Pobierz kopię wszystkiego, co {site} przechowuje o Tobie z czatu: Twoje dane, rozmowy, wiadomości, notatki o Tobie, zamówienia, oceny i listę Twoich plików — w jednym pliku JSON.',
    'page.erase':
      'Usuń wszystko, co {site} przechowuje o Tobie z czatu: Twoje dane, rozmowy, wiadomości, pliki, notatki o Tobie, zamówienia i oceny. Tego nie można cofnąć.',
    'page.erased': 'Twoje dane zostały usunięte. {site} nie przechowuje już o Tobie niczego z czatu.',
    'page.erasing': 'Twoje dane są usuwane. To potrwa chwilę; możesz zamknąć tę stronę.',
    'page.failed': 'Nie udało się teraz usunąć Twoich danych. Otwórz link ponownie za kilka minut.',
    'page.gone': 'Nie przechowujemy już o Tobie żadnych danych.',
    'page.invalid': 'Ten link jest nieprawidłowy. Poproś o nowy na czacie.',
    'page.expired': 'Ten link wygasł. Poproś o nowy na czacie.',
  },
  cs: {
    'mail.subject.export': 'Stáhněte si svá data z {site}',
    'mail.subject.erase': 'Smazání vašich dat na {site}',
    'mail.intro.export': 'V chatu na {site} jste požádali o kopii údajů, které jsou o vás uloženy pod touto e-mailovou adresou.',
    'mail.intro.erase': 'V chatu na {site} jste požádali o smazání údajů, které jsou o vás uloženy pod touto e-mailovou adresou.',
    'mail.validity': 'Odkaz platí {hours} hodin. Otevře stránku, na které žádost potvrdíte; do té doby se nic nestane.',
    'mail.ignore': 'Pokud jste o nic nežádali, tento e-mail ignorujte: nic se nezmění.',
    'action.export': 'Stáhnout moje data',
    'action.erase': 'Smazat moje data',
    'page.title': 'Vaše data',
    'page.export':
      'Stáhněte si kopii všeho, co o vás {site} ze svého chatu uchovává: vaše údaje, konverzace, zprávy, poznámky o vás, objednávky, hodnocení a seznam vašich souborů, v jednom souboru JSON.',
    'page.erase':
      'Smažte vše, co o vás {site} ze svého chatu uchovává: vaše údaje, konverzace, zprávy, soubory, poznámky o vás, objednávky a hodnocení. Tuto akci nelze vrátit.',
    'page.erased': 'Vaše data byla smazána. {site} o vás ze svého chatu už nic neuchovává.',
    'page.erasing': 'Vaše data se mažou. Potrvá to jen chvíli; tuto stránku můžete zavřít.',
    'page.failed': 'Vaše data se teď nepodařilo smazat. Otevřete prosím odkaz znovu za několik minut.',
    'page.gone': 'Už o vás nic uloženo není.',
    'page.invalid': 'Tento odkaz není platný. Požádejte prosím v chatu o nový.',
    'page.expired': 'Platnost tohoto odkazu vypršela. Požádejte prosím v chatu o nový.',
  },
};
