export interface DemoProduct {
  slug: string;
  name: string;
  priceCents: number;
  blurb: string;
}

export const demoCatalog: DemoProduct[] = [
  { slug: 'trail-runner-shoes', name: 'Trail Runner Shoes', priceCents: 8900, blurb: 'Grippy, light and waterproof for muddy mornings.' },
  { slug: 'merino-hoodie', name: 'Merino Hoodie', priceCents: 12000, blurb: 'Warm without the bulk; machine washable wool.' },
  {
    slug: 'canvas-backpack',
    name: 'Canvas Backpack 24 L',
    priceCents: 7400,
    blurb: 'Waxed canvas, padded laptop sleeve, lifetime repairs.',
  },
  { slug: 'insulated-bottle', name: 'Insulated Bottle 750 ml', priceCents: 2900, blurb: 'Cold for 24 hours, hot for 12, dishwasher safe.' },
];

export function formatPrice(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
