import type { TrackedEventInput } from '../chat-client';

type Primitive = string | number | boolean | null;

function primitives(props: unknown): Record<string, Primitive> {
  if (typeof props !== 'object' || props === null) return {};
  return Object.fromEntries(
    Object.entries(props).filter((entry): entry is [string, Primitive] => {
      const value = entry[1];
      return value === null || ['string', 'number', 'boolean'].includes(typeof value);
    }),
  );
}

/**
 * Maps the host page's `track(name, props)` onto the contract: `cart` with its items, value,
 * currency and lines, `product` with the page's product, any other name to a `custom` event with
 * its plain (string, number, boolean, null) props.
 * The server validates the result; this only gives it the right shape.
 */
export function hostEvent(name: unknown, props?: unknown): TrackedEventInput | null {
  if (typeof name !== 'string' || !name.trim()) return null;
  const values = primitives(props);
  if (name === 'cart') {
    const { items, value, currency } = values;
    const lines = (props as { lines?: unknown } | undefined)?.lines;
    return {
      type: 'cart',
      items: Number(items ?? 0),
      value: Number(value ?? 0),
      ...(typeof currency === 'string' && { currency: currency.toUpperCase() }),
      ...(Array.isArray(lines) && { lines }),
    };
  }
  // The product this page shows: its own address unless the shop names one.
  if (name === 'product') return { url: location.href.slice(0, 2000), ...values, type: 'product' } as TrackedEventInput;
  return { type: 'custom', name, props: values };
}
