// The phone teaser's own words (widget/app/teaser), in every language: only visitors who get a prompt
// on a phone download them, with the teaser's chunk. Every language must have each English key.
import type { LocaleCode } from '../locales';

const en = {
  'teaser.dismiss': 'Hide this message',
} as const;

export type TeaserKey = keyof typeof en;

export const teaserCatalogs: Record<LocaleCode, Readonly<Record<TeaserKey, string>>> = {
  en,
  ro: { 'teaser.dismiss': 'Ascunde acest mesaj' },
  pl: { 'teaser.dismiss': 'Ukryj tę wiadomość' },
  cs: { 'teaser.dismiss': 'Skrýt tuto zprávu' },
  ru: { 'teaser.dismiss': 'Скрыть это сообщение' },
  fa: { 'teaser.dismiss': 'پنهان کردن این پیام' },
};
