// The agent console's strings for the widget's branding (settings), in every language. Every language
// must have each English key.
import type { LocaleCode } from '../locales';
import { translate, type Vars } from '../translate';

const en = {
  title: 'Branding',
  color: 'Colour',
  contrastOk: 'White text on this colour: {ratio}:1 (readable; WCAG AA needs 4.5:1).',
  contrastFixed: 'White text on this colour is hard to read ({ratio}:1; WCAG AA needs 4.5:1). The widget uses {color} instead ({fixed}:1).',
  logo: 'Logo or avatar in the chat header (an https:// image address; empty: none)',
  position: 'Position on the page',
  right: 'Bottom right',
  left: 'Bottom left',
  preview: 'Preview',
  greeting: 'The greeting is set in the Widget section.',
} as const;

export type ConsoleBrandingKey = keyof typeof en;
type BrandingCatalog = Readonly<Record<ConsoleBrandingKey, string>>;

export const consoleBrandingCatalogs: Record<LocaleCode, BrandingCatalog> = {
  en,
  ro: {
    title: 'Aspectul widgetului',
    color: 'Culoare',
    contrastOk: 'Text alb pe această culoare: {ratio}:1 (lizibil; WCAG AA cere 4,5:1).',
    contrastFixed:
      'Textul alb pe această culoare se citește greu ({ratio}:1; WCAG AA cere 4,5:1). Widgetul folosește în schimb {color} ({fixed}:1).',
    logo: 'Logo sau avatar în antetul chatului (adresa unei imagini https://; gol: niciunul)',
    position: 'Poziția pe pagină',
    right: 'Jos în dreapta',
    left: 'Jos în stânga',
    preview: 'Previzualizare',
    greeting: 'Mesajul de întâmpinare se setează în secțiunea Widget.',
  },
  pl: {
    title: 'Wygląd widżetu',
    color: 'Kolor',
    contrastOk: 'Biały tekst na tym kolorze: {ratio}:1 (czytelny; WCAG AA wymaga 4,5:1).',
    contrastFixed:
      'Biały tekst na tym kolorze jest trudny do odczytania ({ratio}:1; WCAG AA wymaga 4,5:1). Widżet użyje zamiast niego {color} ({fixed}:1).',
    logo: 'Logo lub awatar w nagłówku czatu (adres obrazu https://; puste: brak)',
    position: 'Położenie na stronie',
    right: 'Na dole po prawej',
    left: 'Na dole po lewej',
    preview: 'Podgląd',
    greeting: 'Powitanie ustawia się w sekcji Widget.',
  },
  cs: {
    title: 'Vzhled widgetu',
    color: 'Barva',
    contrastOk: 'Bílý text na této barvě: {ratio}:1 (čitelný; WCAG AA vyžaduje 4,5:1).',
    contrastFixed:
      'Bílý text na této barvě se špatně čte ({ratio}:1; WCAG AA vyžaduje 4,5:1). Widget místo ní použije {color} ({fixed}:1).',
    logo: 'Logo nebo avatar v záhlaví chatu (adresa obrázku https://; prázdné: žádné)',
    position: 'Umístění na stránce',
    right: 'Vpravo dole',
    left: 'Vlevo dole',
    preview: 'Náhled',
    greeting: 'Uvítání se nastavuje v sekci Widget.',
  },
  ru: {
    title: 'Оформление виджета',
    color: 'Цвет',
    contrastOk: 'Белый текст на этом цвете: {ratio}:1 (читается; WCAG AA требует 4,5:1).',
    contrastFixed:
      'Белый текст на этом цвете читается плохо ({ratio}:1; WCAG AA требует 4,5:1). Виджет использует вместо него {color} ({fixed}:1).',
    logo: 'Логотип или аватар в заголовке чата (адрес изображения https://; пусто: без него)',
    position: 'Положение на странице',
    right: 'Внизу справа',
    left: 'Внизу слева',
    preview: 'Предпросмотр',
    greeting: 'Приветствие задаётся в разделе «Widget».',
  },
  fa: {
    title: 'ظاهر ابزارک',
    color: 'رنگ',
    contrastOk: 'متن سفید روی این رنگ: {ratio}:1 (خوانا؛ WCAG AA دست‌کم 4.5:1 می‌خواهد).',
    contrastFixed:
      'متن سفید روی این رنگ به‌سختی خوانده می‌شود ({ratio}:1؛ WCAG AA دست‌کم 4.5:1 می‌خواهد). ابزارک به‌جای آن {color} را به کار می‌برد ({fixed}:1).',
    logo: 'نشان یا آواتار در سرصفحهٔ گفتگو (نشانی یک تصویر https://؛ خالی: هیچ)',
    position: 'جای آن در صفحه',
    right: 'پایین، سمت راست',
    left: 'پایین، سمت چپ',
    preview: 'پیش‌نمایش',
    greeting: 'پیام خوشامد در بخش Widget تنظیم می‌شود.',
  },
};

/** The branding strings in `locale`. */
export function consoleBrandingText(locale: LocaleCode): (key: ConsoleBrandingKey, vars?: Vars) => string {
  return (key, vars) => translate(consoleBrandingCatalogs[locale], key, vars);
}
