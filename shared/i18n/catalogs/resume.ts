// "Continue the conversation" links: the widget's notices (in a chunk of their own, downloaded only by
// visitors who arrive from a link) and the conversation page the server hosts. Every language here
// must have each key of the English one.
import type { LocaleCode } from '../locales';

const en = {
  'resume.opening': 'Opening your conversation…',
  'resume.invalid': 'This link is not valid. Open the latest link we emailed you, or write to us here.',
  'resume.expired': 'This link has expired. Write to us here, or open the latest link we emailed you.',
  'resume.used': 'This link was already used on another device. Open the latest link we emailed you, or write to us here.',
  'resume.page': 'Your conversation with {site} continues in the chat.',
} as const;

export type ResumeKey = keyof typeof en;

export const resumeCatalogs: Record<LocaleCode, Readonly<Record<ResumeKey, string>>> = {
  en,
  ru: {
    'resume.opening': 'Открываем ваш разговор…',
    'resume.invalid': 'Эта ссылка недействительна. Откройте последнюю ссылку из нашего письма или напишите нам здесь.',
    'resume.expired': 'Срок действия ссылки истёк. Напишите нам здесь или откройте последнюю ссылку из нашего письма.',
    'resume.used': 'Эта ссылка уже была открыта на другом устройстве. Откройте последнюю ссылку из нашего письма или напишите нам здесь.',
    'resume.page': 'Ваш разговор с {site} продолжается в чате.',
  },
  ro: {
    'resume.opening': 'Se deschide conversația…',
    'resume.invalid': 'Acest link nu este valid. Deschideți cel mai recent link primit pe e-mail sau scrieți-ne aici.',
    'resume.expired': 'Acest link a expirat. Scrieți-ne aici sau deschideți cel mai recent link primit pe e-mail.',
    'resume.used': 'Acest link a fost deja folosit pe alt dispozitiv. Deschideți cel mai recent link primit pe e-mail sau scrieți-ne aici.',
    'resume.page': 'Conversația dumneavoastră cu {site} continuă în chat.',
  },
  fa: {
    'resume.opening': 'در حال باز کردن گفتگوی شما…',
    'resume.invalid': 'این پیوند معتبر نیست. آخرین پیوندی را که برایتان ایمیل کرده‌ایم باز کنید یا همین‌جا برای ما بنویسید.',
    'resume.expired': 'این پیوند منقضی شده است. همین‌جا برای ما بنویسید یا آخرین پیوندی را که برایتان ایمیل کرده‌ایم باز کنید.',
    'resume.used':
      'این پیوند قبلاً در دستگاه دیگری استفاده شده است. آخرین پیوندی را که برایتان ایمیل کرده‌ایم باز کنید یا همین‌جا برای ما بنویسید.',
    'resume.page': 'گفتگوی شما با {site} در پنجرهٔ گفتگو ادامه دارد.',
  },
  pl: {
    'resume.opening': 'Otwieramy Twoją rozmowę…',
    'resume.invalid': 'Ten link jest nieprawidłowy. Otwórz najnowszy link z naszej wiadomości e-mail albo napisz do nas tutaj.',
    'resume.expired': 'Ten link wygasł. Napisz do nas tutaj albo otwórz najnowszy link z naszej wiadomości e-mail.',
    'resume.used':
      'Ten link został już użyty na innym urządzeniu. Otwórz najnowszy link z naszej wiadomości e-mail albo napisz do nas tutaj.',
    'resume.page': 'Twoja rozmowa z {site} toczy się dalej w czacie.',
  },
  cs: {
    'resume.opening': 'Otevíráme vaši konverzaci…',
    'resume.invalid': 'Tento odkaz není platný. Otevřete nejnovější odkaz z našeho e-mailu, nebo nám napište sem.',
    'resume.expired': 'Platnost tohoto odkazu vypršela. Napište nám sem, nebo otevřete nejnovější odkaz z našeho e-mailu.',
    'resume.used': 'Tento odkaz už byl použit na jiném zařízení. Otevřete nejnovější odkaz z našeho e-mailu, nebo nám napište sem.',
    'resume.page': 'Vaše konverzace s {site} pokračuje v chatu.',
  },
};
