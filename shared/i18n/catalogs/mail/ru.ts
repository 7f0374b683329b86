import type { MailCatalog } from './en';

export const mailRu: MailCatalog = {
  'reply.subject': 'Новый ответ от {site}',
  'reply.intro': '{site} ответили вам в чате:',
  'reply.introMany': '{site} ответили вам в чате (сообщений: {count}):',
  'transcript.subject': 'Ваша переписка с {site}',
  'transcript.intro': 'Вот ваша переписка с {site}.',
  latest: 'Последние сообщения переписки',
  you: 'Вы',
  support: 'Поддержка',
  continue: 'Продолжить переписку',
  footer: 'Вы получили это письмо, потому что оставили свой адрес в чате на {site}.',
  unsubscribe: 'Отписаться от этих писем',
  'unsubscribe.title': 'Отписка',
  'unsubscribe.question': 'Больше не присылать письма с ответами и расшифровками чата от {site}?',
  'unsubscribe.confirm': 'Отписаться',
  'unsubscribe.done': 'Вы отписались. {site} больше не будет присылать вам ответы и расшифровки чата по почте.',
  'unsubscribe.invalid': 'Эта ссылка для отписки недействительна. Воспользуйтесь ссылкой из последнего письма.',
};
