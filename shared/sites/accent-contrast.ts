// Plain functions, free of zod: the console previews with them and the server applies them.

/** WCAG 2.x AA for normal text: white text on the accent needs this contrast ratio. */
export const AA_CONTRAST = 4.5;

const channels = (hex: string): [number, number, number] => {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};

const toHex = (rgb: readonly number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance of a `#rrggbb` colour (0 black … 1 white). */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The accent the widget shows for a chosen `#rrggbb` colour: the colour itself when white text on it
 * reaches AA, else the lightest shade of it (same hue, channels scaled toward black) that does.
 */
export function readableAccent(hex: string): string {
  const color = hex.toLowerCase();
  if (contrastRatio(color, '#ffffff') >= AA_CONTRAST) return color;
  const rgb = channels(color);
  // Luminance falls as the scale falls, so the largest passing scale is found by halving the interval.
  let [fails, passes] = [1, 0];
  while (fails - passes > 1 / 512) {
    const scale = (fails + passes) / 2;
    if (contrastRatio(toHex(rgb.map((c) => c * scale)), '#ffffff') >= AA_CONTRAST) passes = scale;
    else fails = scale;
  }
  return toHex(rgb.map((c) => c * passes));
}
