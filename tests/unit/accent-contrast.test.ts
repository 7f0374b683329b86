import { describe, expect, it } from 'vitest';
import { BrandingSettings, DEFAULT_BRANDING } from '../../shared/contract';
import { AA_CONTRAST, contrastRatio, luminance, readableAccent } from '../../shared/sites/accent-contrast';

const WHITE = '#ffffff';

describe('contrastRatio', () => {
  it('follows WCAG: black on white is 21:1, a colour on itself 1:1, in either order', () => {
    expect(contrastRatio('#000000', WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#4f46e5', '#4f46e5')).toBe(1);
    expect(luminance(WHITE)).toBeCloseTo(1, 5);
  });

  it('matches published values: #767676 is the lightest grey passing AA on white, #777777 just fails', () => {
    expect(contrastRatio('#767676', WHITE)).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', WHITE)).toBeCloseTo(4.48, 2);
  });
});

describe('readableAccent', () => {
  it('keeps a colour white text already reads on, lower-cased', () => {
    expect(readableAccent(DEFAULT_BRANDING.color)).toBe('#4f46e5');
    expect(readableAccent('#1D4ED8')).toBe('#1d4ed8');
  });

  it('darkens white to the lightest grey that passes AA', () => {
    expect(readableAccent(WHITE)).toBe('#767676');
  });

  it.each(['#ffcc00', '#22c55e', '#38bdf8', '#f472b6', '#777777', '#ff0000'])(
    'darkens %s just enough: AA passes, one step lighter would not, and the hue stays',
    (color) => {
      const used = readableAccent(color);
      expect(contrastRatio(used, WHITE)).toBeGreaterThanOrEqual(AA_CONTRAST);
      expect(contrastRatio(used, WHITE)).toBeLessThan(AA_CONTRAST + 0.15);
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(used.slice(i, i + 2), 16));
      const [r0, g0, b0] = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
      // Same hue: every channel scaled by one factor (within rounding).
      const scale = Math.max(r!, g!, b!) / Math.max(r0!, g0!, b0!);
      for (const [now, was] of [
        [r, r0],
        [g, g0],
        [b, b0],
      ] as const)
        expect(Math.abs(now! - was! * scale)).toBeLessThanOrEqual(1);
    },
  );
});

describe('BrandingSettings', () => {
  it('takes a #rrggbb colour, an https logo or none, and a corner', () => {
    expect(BrandingSettings.safeParse({ color: '#12AB9f', logoUrl: 'https://shop.example/logo.png', position: 'left' }).success).toBe(true);
    expect(BrandingSettings.safeParse({ ...DEFAULT_BRANDING, logoUrl: null }).success).toBe(true);
  });

  it.each([
    ['a colour name', { color: 'red' }],
    ['a short colour', { color: '#fff' }],
    ['an http logo', { logoUrl: 'http://shop.example/logo.png' }],
    ['a javascript: logo', { logoUrl: 'javascript:alert(1)' }],
    ['a data: logo', { logoUrl: 'data:image/png;base64,AAAA' }],
    ['another corner', { position: 'top' }],
  ])('refuses %s', (_, patch) => {
    expect(BrandingSettings.safeParse({ ...DEFAULT_BRANDING, ...patch }).success).toBe(false);
  });
});
