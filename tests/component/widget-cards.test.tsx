import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProductCard } from '../../shared/contract';
import { cardsText } from '../../shared/i18n/catalogs/cards';
import { hostEvent } from '../../widget/app/tracking/host-events';
import { message, mountWidget, type Mounted } from './widget-harness';

let mounted: Mounted | undefined;

beforeEach(() => localStorage.clear());
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  cleanup();
});

const card: ProductCard = {
  title: 'Trail Runner Shoes',
  price: 1249.5,
  currency: 'EUR',
  url: 'https://shop.example/products/trail-runner',
  image: 'https://shop.example/img/trail-runner.jpg',
};

describe.each(['en', 'fa'] as const)('in %s', (locale) => {
  const c = cardsText(locale);

  it('shows a product card: its image, a link that opens in a new tab, and the price in the visitor’s language', async () => {
    mounted = await mountWidget({ languages: [locale] });
    await mounted.client.connectAndSync([message({ seq: 0, text: card.title, card })]);

    const link = await screen.findByRole('link', { name: (name) => name.startsWith(card.title) && name.endsWith(c('card.newTab')) });
    expect(link.getAttribute('href')).toBe(card.url);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener');
    expect(screen.getByRole('img', { name: card.title }).getAttribute('src')).toBe(card.image);
    const price = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(1249.5);
    expect(screen.getByText(price)).toBeTruthy();
    // Persian digits in Persian, Latin ones in English.
    expect(/[۰-۹]/.test(price)).toBe(locale === 'fa');
    expect(screen.getByRole('dialog').getAttribute('dir')).toBe(locale === 'fa' ? 'rtl' : 'ltr');
  });

  it('offers quick replies as a labelled group; a tap sends the label as the visitor’s message and the buttons go', async () => {
    mounted = await mountWidget({ languages: [locale] });
    const { client } = mounted;
    await client.connectAndSync([message({ seq: 0, text: 'Which size do you wear?', quickReplies: ['42', '43', 'Not sure'] })]);

    const group = await screen.findByRole('group', { name: c('replies.label') });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['42', '43', 'Not sure']);
    fireEvent.click(within(group).getByRole('button', { name: '43' }));

    const send = client.pending('message:send');
    expect(send.map((r) => r.payload.text)).toEqual(['43']);
    expect(screen.queryByRole('group', { name: c('replies.label') })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('log'));
    await client.ackSend(1);
    expect(screen.queryByRole('group', { name: c('replies.label') })).toBeNull();
    expect(screen.getByText('43')).toBeTruthy();
  });
});

describe('quick replies', () => {
  it('are not offered once the visitor has written after them', async () => {
    mounted = await mountWidget();
    await mounted.client.connectAndSync([
      message({ seq: 0, text: 'Anything else?', quickReplies: ['Yes', 'No'] }),
      message({ seq: 1, author: 'visitor', authorName: null, text: 'Actually, one thing' }),
    ]);
    await screen.findByText('Anything else?');
    expect(screen.queryByRole('group')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Yes' })).toBeNull();
  });

  it('every language names the group and the new-tab hint', async () => {
    const { cardsCatalogs } = await import('../../shared/i18n/catalogs/cards');
    for (const [locale, catalog] of Object.entries(cardsCatalogs)) {
      expect(Object.keys(catalog).sort(), locale).toEqual(Object.keys(cardsCatalogs.en).sort());
      if (locale !== 'en')
        for (const [key, text] of Object.entries(catalog))
          expect(text, `${locale} ${key}`).not.toBe(cardsCatalogs.en[key as 'replies.label']);
    }
  });
});

describe('the host page’s product data', () => {
  it('passes cart lines on, and describes the page’s product at its own address unless the shop names one', () => {
    expect(hostEvent('cart', { items: 1, value: 89.9, currency: 'eur', lines: [card] })).toEqual({
      type: 'cart',
      items: 1,
      value: 89.9,
      currency: 'EUR',
      lines: [card],
    });
    const { url: _, ...described } = card;
    expect(hostEvent('product', described)).toEqual({ type: 'product', ...described, url: location.href });
    expect(hostEvent('product', card)).toEqual({ type: 'product', ...card });
  });
});
