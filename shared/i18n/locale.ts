import { z } from 'zod';
import { LOCALES } from './locales';

/** A widget language, for validating settings and payloads at the edge (`LocaleCode` is the same type, zod-free). */
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;
