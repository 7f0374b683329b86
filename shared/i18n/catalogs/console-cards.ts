// The agent console's strings for product cards and quick replies, in every language. Every
// language must have each English key.
import type { LocaleCode } from '../locales';
import { translate, type Vars } from '../translate';

const en = {
  sendProduct: 'Send product',
  products: 'Products from this visitor',
  noProducts: 'Nothing in this visitor’s cart or viewed product pages yet.',
  inCart: 'In cart',
  viewed: 'Viewed',
  sendThis: 'Send {title} ({price})',
  replies: 'Quick replies',
  newReply: 'New quick reply',
  newReplyHint: 'Enter to add · up to {max}, {length} characters each',
  removeReply: 'Remove quick reply {label}',
  offered: 'Quick replies offered',
} as const;

export type ConsoleCardsKey = keyof typeof en;

export const consoleCardsCatalogs: Record<LocaleCode, Readonly<Record<ConsoleCardsKey, string>>> = {
  en,
  ro: {
    sendProduct: 'Trimite produs',
    products: 'Produse de la acest vizitator',
    noProducts: 'Încă nimic în coșul acestui vizitator sau în paginile de produs vizitate.',
    inCart: 'În coș',
    viewed: 'Văzut',
    sendThis: 'Trimite {title} ({price})',
    replies: 'Răspunsuri rapide',
    newReply: 'Răspuns rapid nou',
    newReplyHint: 'Enter pentru a adăuga · cel mult {max}, a câte {length} caractere',
    removeReply: 'Elimină răspunsul rapid {label}',
    offered: 'Răspunsuri rapide oferite',
  },
  pl: {
    sendProduct: 'Wyślij produkt',
    products: 'Produkty tego odwiedzającego',
    noProducts: 'W koszyku tego odwiedzającego ani na oglądanych stronach produktów nic jeszcze nie ma.',
    inCart: 'W koszyku',
    viewed: 'Oglądany',
    sendThis: 'Wyślij {title} ({price})',
    replies: 'Szybkie odpowiedzi',
    newReply: 'Nowa szybka odpowiedź',
    newReplyHint: 'Enter, aby dodać · najwyżej {max}, po {length} znaków',
    removeReply: 'Usuń szybką odpowiedź {label}',
    offered: 'Zaproponowane szybkie odpowiedzi',
  },
  cs: {
    sendProduct: 'Poslat produkt',
    products: 'Produkty tohoto návštěvníka',
    noProducts: 'V košíku tohoto návštěvníka ani na zobrazených stránkách produktů zatím nic není.',
    inCart: 'V košíku',
    viewed: 'Zobrazeno',
    sendThis: 'Poslat {title} ({price})',
    replies: 'Rychlé odpovědi',
    newReply: 'Nová rychlá odpověď',
    newReplyHint: 'Enter přidá · nejvýše {max}, každá do {length} znaků',
    removeReply: 'Odebrat rychlou odpověď {label}',
    offered: 'Nabídnuté rychlé odpovědi',
  },
  ru: {
    sendProduct: 'Отправить товар',
    products: 'Товары этого посетителя',
    noProducts: 'В корзине этого посетителя и на просмотренных страницах товаров пока ничего нет.',
    inCart: 'В корзине',
    viewed: 'Просмотрен',
    sendThis: 'Отправить {title} ({price})',
    replies: 'Быстрые ответы',
    newReply: 'Новый быстрый ответ',
    newReplyHint: 'Enter — добавить · не больше {max}, до {length} символов каждый',
    removeReply: 'Убрать быстрый ответ {label}',
    offered: 'Предложенные быстрые ответы',
  },
  fa: {
    sendProduct: 'ارسال محصول',
    products: 'محصولات این بازدیدکننده',
    noProducts: 'هنوز چیزی در سبد خرید این بازدیدکننده یا صفحه‌های محصولِ دیده‌شده نیست.',
    inCart: 'در سبد خرید',
    viewed: 'دیده‌شده',
    sendThis: 'ارسال {title} ({price})',
    replies: 'پاسخ‌های سریع',
    newReply: 'پاسخ سریع تازه',
    newReplyHint: 'Enter برای افزودن · حداکثر {max} پاسخ، هر کدام تا {length} نویسه',
    removeReply: 'حذف پاسخ سریع {label}',
    offered: 'پاسخ‌های سریعِ پیشنهادشده',
  },
};

/** The console's card and quick-reply strings in `locale`. */
export const consoleCardsText =
  (locale: LocaleCode) =>
  (key: ConsoleCardsKey, vars?: Vars): string =>
    translate(consoleCardsCatalogs[locale], key, vars);
