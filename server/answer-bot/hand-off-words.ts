import { fold, splitWords } from '../kb/search/text';

/**
 * How a visitor asks for a person instead of the bot, in the six widget languages. Stems match the
 * start of a word (`operátor` also matches `operátorem`, `человек` also `человека`); words match
 * whole, where a stem would also start unrelated words (Czech `osobní` is "personal", Persian
 * `پشتیبانی` is "support").
 */
const STEMS = [
  ...['human', 'agent', 'person', 'operator', 'representative'], // en
  ...['человек', 'оператор', 'сотрудник', 'консультант', 'менеджер'], // ru
  ...['persoan', 'reprezentant', 'consultant'], // ro
  ...['człowiek', 'konsultant', 'pracownik'], // pl
  ...['člověk', 'operátor', 'konzultant', 'pracovník'], // cs
  ...['اپراتور', 'انسان'], // fa
].map(fold);
const WORDS = new Set(
  [
    'someone', // en
    'om', // ro
    ...['osoba', 'osobą', 'osobę', 'osoby'], // pl
    ...['osoba', 'osobou', 'osobu'], // cs
    ...['آدم', 'شخص', 'پشتیبان', 'کارشناس'], // fa
  ].map(fold),
);

/** Above this many words a message is a question that happens to name a person, not a request for one. */
const MAX_WORDS = 8;

/**
 * Whether a short message asks for a person ("human", "agent please", "Chci mluvit s operátorem",
 * "با اپراتور صحبت کنم"). Longer messages are left to the search: "my agent said the parcel was
 * lost, where is it now?" is a question.
 */
export function asksForPerson(text: string): boolean {
  const words = splitWords(text).map(fold);
  if (words.length === 0 || words.length > MAX_WORDS) return false;
  return words.some((word) => WORDS.has(word) || STEMS.some((stem) => word.startsWith(stem)));
}
