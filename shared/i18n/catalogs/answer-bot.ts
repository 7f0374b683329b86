// The answer bot's own strings, in every language, in the lazily loaded chunk that shows its answers:
// the catalog every visitor downloads stays small. Every language must have each English key.
import type { LocaleCode } from '../locales';
import { translate } from '../translate';

const en = {
  'bot.name': 'Assistant',
  'bot.whileYouWait': 'While you wait:',
  'bot.helped': 'That helped',
  'bot.thanks': 'Glad it helped!',
  'bot.failed': 'That did not go through. Please try again.',
} as const;

export type AnswerBotKey = keyof typeof en;

export const answerBotCatalogs: Record<LocaleCode, Readonly<Record<AnswerBotKey, string>>> = {
  en,
  ro: {
    'bot.name': 'Asistent',
    'bot.whileYouWait': 'Cât așteptați:',
    'bot.helped': 'M-a ajutat',
    'bot.thanks': 'Ne bucurăm că v-a ajutat!',
    'bot.failed': 'Nu a funcționat. Încercați din nou.',
  },
  pl: {
    'bot.name': 'Asystent',
    'bot.whileYouWait': 'Podczas oczekiwania:',
    'bot.helped': 'To pomogło',
    'bot.thanks': 'Cieszymy się, że pomogło!',
    'bot.failed': 'Nie udało się. Spróbuj ponownie.',
  },
  cs: {
    'bot.name': 'Asistent',
    'bot.whileYouWait': 'Než se vám ozveme:',
    'bot.helped': 'Pomohlo to',
    'bot.thanks': 'Jsme rádi, že to pomohlo!',
    'bot.failed': 'Nepodařilo se. Zkuste to prosím znovu.',
  },
  ru: {
    'bot.name': 'Ассистент',
    'bot.whileYouWait': 'Пока вы ждёте:',
    'bot.helped': 'Это помогло',
    'bot.thanks': 'Рады, что это помогло!',
    'bot.failed': 'Не получилось. Попробуйте ещё раз.',
  },
  fa: {
    'bot.name': 'دستیار',
    'bot.whileYouWait': 'تا پاسخ ما:',
    'bot.helped': 'کمک کرد',
    'bot.thanks': 'خوشحالیم که کمک کرد!',
    'bot.failed': 'انجام نشد. لطفاً دوباره تلاش کنید.',
  },
};

/** The answer bot's text in `locale`. */
export const answerBotText =
  (locale: LocaleCode) =>
  (key: AnswerBotKey): string =>
    translate(answerBotCatalogs[locale], key);
