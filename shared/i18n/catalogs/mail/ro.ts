import type { MailCatalog } from './en';

export const mailRo: MailCatalog = {
  'reply.subject': 'Răspuns nou de la {site}',
  'reply.intro': '{site} v-a răspuns în chat:',
  'reply.introMany': '{site} v-a răspuns în chat ({count} mesaje):',
  'transcript.subject': 'Conversația dumneavoastră cu {site}',
  'transcript.intro': 'Iată conversația dumneavoastră cu {site}.',
  latest: 'Ultimele mesaje din conversație',
  you: 'Dumneavoastră',
  support: 'Asistență',
  continue: 'Continuați conversația',
  footer: 'Primiți acest email pentru că ați lăsat adresa în chatul de pe {site}.',
  unsubscribe: 'Dezabonare de la aceste emailuri',
  'unsubscribe.title': 'Dezabonare',
  'unsubscribe.question': 'Nu mai doriți emailuri cu răspunsuri și transcrieri din chatul {site}?',
  'unsubscribe.confirm': 'Dezabonare',
  'unsubscribe.done': 'V-ați dezabonat. {site} nu vă va mai trimite prin email răspunsuri sau transcrieri din chat.',
  'unsubscribe.invalid': 'Acest link de dezabonare nu este valid. Folosiți linkul din cel mai recent email.',
};
