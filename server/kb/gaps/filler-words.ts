import type { KbLocaleCode } from '../../../shared/kb/locales';
import { termOf } from '../search/text';

/**
 * The words a visitor wraps a question in ("how long does … take", "please help", "hello, I need to
 * know …"): not stop words to the search (they may rank an article), but two questions sharing
 * them share no subject. Grouping content gaps leaves them out, so "how long does shipping take" and
 * "how long does a refund take" do not fall together, and "hello, thanks for the help" is no gap.
 * Written as visitors write them; they become terms through the KB's own pipeline (folded, stemmed).
 */
const FILLER_WORDS: Record<KbLocaleCode, string[]> = {
  en: [
    ...['how', 'long', 'much', 'many', 'take', 'takes', 'does', 'when', 'why', 'can', 'could', 'would', 'like', 'get'],
    ...['need', 'want', 'know', 'tell', 'ask', 'please', 'pls', 'help', 'question', 'possible', 'way', 'still', 'just'],
    ...['hello', 'hi', 'hey', 'thanks', 'thank', 'ok', 'okay', 'yes', 'anyone', 'someone', 'good', 'morning', 'afternoon'],
  ],
  ru: [
    ...['как', 'долго', 'сколько', 'когда', 'почему', 'нужно', 'нужен', 'надо', 'хочу', 'хотел', 'хотела', 'узнать'],
    ...['пожалуйста', 'помогите', 'помочь', 'помощь', 'можно', 'подскажите', 'скажите', 'вопрос', 'здравствуйте'],
    ...['привет', 'спасибо', 'добрый', 'день', 'вечер', 'утро'],
  ],
  ro: [
    ...['cum', 'cât', 'când', 'vreau', 'doresc', 'aș', 'dori', 'putea', 'puteți', 'ajutor', 'ajutați', 'rog'],
    ...['mulțumesc', 'mersi', 'salut', 'bună', 'ziua', 'întrebare', 'știu', 'spuneți', 'posibil'],
  ],
  pl: [
    ...['jak', 'długo', 'ile', 'kiedy', 'dlaczego', 'chcę', 'chciałbym', 'chciałabym', 'potrzebuję', 'proszę', 'pomoc', 'pomóc'],
    ...['pomocy', 'dzień', 'dobry', 'cześć', 'dziękuję', 'dzięki', 'pytanie', 'wiedzieć', 'możliwe', 'można'],
  ],
  cs: [
    ...['jak', 'dlouho', 'kolik', 'kdy', 'proč', 'chci', 'chtěl', 'chtěla', 'potřebuji', 'prosím', 'pomoc', 'pomoct'],
    ...['pomozte', 'dobrý', 'den', 'ahoj', 'děkuji', 'díky', 'otázka', 'vědět', 'možné', 'můžete', 'lze'],
  ],
  fa: [
    ...['چطور', 'چگونه', 'چقدر', 'کی', 'چرا', 'می', 'خواهم', 'میخواهم', 'لطفا', 'کمک', 'سلام', 'ممنون', 'مرسی'],
    ...['متشکرم', 'سوال', 'میشه', 'بدونم', 'دارم', 'باید'],
  ],
};

const fillerTerms = new Map<KbLocaleCode, ReadonlySet<string>>();

/** The filler words of a locale as search terms. */
export function fillerTermsOf(locale: KbLocaleCode): ReadonlySet<string> {
  let terms = fillerTerms.get(locale);
  if (!terms) {
    terms = new Set(FILLER_WORDS[locale].flatMap((word) => termOf(word, locale) ?? []));
    fillerTerms.set(locale, terms);
  }
  return terms;
}
