import type { MailCatalog } from './en';

export const mailFa: MailCatalog = {
  'reply.subject': 'پاسخ تازه از {site}',
  'reply.intro': '{site} در گفتگو به شما پاسخ داد:',
  'reply.introMany': '{site} در گفتگو به شما پاسخ داد ({count} پیام):',
  'transcript.subject': 'گفتگوی شما با {site}',
  'transcript.intro': 'این گفتگوی شما با {site} است.',
  latest: 'آخرین پیام‌های گفتگو',
  you: 'شما',
  support: 'پشتیبانی',
  continue: 'ادامهٔ گفتگو',
  footer: 'این ایمیل را دریافت می‌کنید چون نشانی خود را در گفتگوی {site} گذاشتید.',
  unsubscribe: 'لغو اشتراک این ایمیل‌ها',
  'unsubscribe.title': 'لغو اشتراک',
  'unsubscribe.question': 'دیگر ایمیل پاسخ‌ها و متن گفتگوها از {site} دریافت نکنید؟',
  'unsubscribe.confirm': 'لغو اشتراک',
  'unsubscribe.done': 'اشتراک شما لغو شد. {site} دیگر پاسخ‌ها یا متن گفتگوها را برایتان ایمیل نمی‌کند.',
  'unsubscribe.invalid': 'این پیوند لغو اشتراک معتبر نیست. لطفاً از پیوند آخرین ایمیل استفاده کنید.',
};
