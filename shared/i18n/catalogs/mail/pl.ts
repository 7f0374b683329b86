import type { MailCatalog } from './en';

export const mailPl: MailCatalog = {
  'reply.subject': 'Nowa odpowiedź od {site}',
  'reply.intro': '{site} odpowiedział(a) Ci na czacie:',
  'reply.introMany': '{site} odpowiedział(a) Ci na czacie (wiadomości: {count}):',
  'transcript.subject': 'Twoja rozmowa z {site}',
  'transcript.intro': 'Oto Twoja rozmowa z {site}.',
  latest: 'Ostatnie wiadomości w rozmowie',
  you: 'Ty',
  support: 'Obsługa',
  continue: 'Kontynuuj rozmowę',
  footer: 'Otrzymujesz ten e-mail, ponieważ podałeś(-aś) swój adres na czacie {site}.',
  unsubscribe: 'Wypisz się z tych e-maili',
  'unsubscribe.title': 'Wypisz się',
  'unsubscribe.question': 'Przestać wysyłać e-maile z odpowiedziami i zapisami rozmów z {site}?',
  'unsubscribe.confirm': 'Wypisz się',
  'unsubscribe.done': 'Wypisano Cię. {site} nie będzie już wysyłać Ci e-mailem odpowiedzi ani zapisów rozmów.',
  'unsubscribe.invalid': 'Ten link do wypisania się jest nieprawidłowy. Użyj linku z najnowszego e-maila.',
};
