import type { LocaleCode } from '../../locales';
import { mailCs } from './cs';
import { type MailCatalog, mailEn } from './en';
import { mailFa } from './fa';
import { mailPl } from './pl';
import { mailRo } from './ro';
import { mailRu } from './ru';

export type { MailCatalog, MailMessageKey } from './en';

/** The email texts of every language (server side only: the widget never imports these). */
export const mailCatalogs: Record<LocaleCode, MailCatalog> = { en: mailEn, ro: mailRo, pl: mailPl, cs: mailCs, ru: mailRu, fa: mailFa };
