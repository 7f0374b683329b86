import { z } from 'zod';

/** The widget's look on a site: its accent colour, a logo or avatar in the panel header, the corner it sits in. */
export const BrandingSettings = z.object({
  /** `#rrggbb`; the widget shows it darkened where white text on it would fall short of WCAG AA (`readableAccent`). */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #RRGGBB'),
  /** An https image; null: no logo. */
  logoUrl: z
    .url({ protocol: /^https$/, error: 'an image address starting with https://' })
    .max(500)
    .nullable(),
  position: z.enum(['right', 'left']),
});
export type BrandingSettings = z.infer<typeof BrandingSettings>;

export const DEFAULT_BRANDING: BrandingSettings = { color: '#4f46e5', logoUrl: null, position: 'right' };
