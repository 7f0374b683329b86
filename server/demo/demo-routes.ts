import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { demoCatalog, formatPrice } from './catalog';
import { html, type SafeHtml } from './html';

/**
 * A small demo shop with the widget embedded by its one script tag, exactly as a customer would.
 * Pages carry `data-page-type` so lifecycle tracking can classify them.
 */
export function demoRoutes(getSiteKey: () => string): Router {
  const router = Router();

  const page = (title: string, pageType: string, body: SafeHtml) => html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Demo Shop</title>
<link rel="stylesheet" href="/demo/shop.css">
</head>
<body data-page-type="${pageType}">
<header class="shop-header"><a class="brand" href="/demo">Demo Shop</a>
<nav><a href="/demo">Catalog</a> <a href="/demo/cart">Cart (<span data-cart-count>0</span>)</a></nav></header>
<main>${body}</main>
<script src="/demo/shop.js" defer></script>
<script src="/widget.js" data-site="${getSiteKey()}" async></script>
</body>
</html>`.value;

  router.use(express.static(fileURLToPath(new URL('./public', import.meta.url)), { index: false, redirect: false }));

  router.get('/', (_req, res) => {
    const cards = demoCatalog.map(
      (p) => html`<li class="card"><h2><a href="/demo/product/${p.slug}">${p.name}</a></h2>
<p>${p.blurb}</p><p class="price">${formatPrice(p.priceCents)}</p></li>`,
    );
    res.send(page('Catalog', 'content', html`<h1>Catalog</h1><ul class="grid">${cards}</ul>`));
  });

  router.get('/product/:slug', (req, res) => {
    const product = demoCatalog.find((p) => p.slug === req.params.slug);
    if (!product) {
      res.status(404).send(page('Not found', 'content', html`<h1>Product not found</h1><p><a href="/demo">Back to the catalog</a></p>`));
      return;
    }
    res.send(page(product.name, 'product', html`<article class="product">
<h1>${product.name}</h1><p>${product.blurb}</p><p class="price">${formatPrice(product.priceCents)}</p>
<button type="button" class="primary" data-add-to-cart="${product.slug}" data-name="${product.name}" data-price="${product.priceCents}">Add to cart</button>
<p class="notice" data-cart-notice hidden>Added to your cart. <a href="/demo/cart">View cart</a></p>
</article>`));
  });

  router.get('/cart', (_req, res) => {
    res.send(page('Cart', 'cart', html`<h1>Your cart</h1><div data-cart-lines></div>
<p><a class="button primary" href="/demo/checkout">Go to checkout</a></p>`));
  });

  router.get('/checkout', (_req, res) => {
    res.send(page('Checkout', 'checkout', html`<h1>Checkout</h1><div data-cart-lines></div>
<form class="checkout" data-checkout>
<label>Full name <input name="name" autocomplete="name" required></label>
<label>Email <input name="email" type="email" autocomplete="email" required></label>
<label>Address <input name="address" autocomplete="street-address" required></label>
<button type="submit" class="primary">Place order</button>
</form>
<p class="notice" data-order-notice hidden role="status">Thank you! Your order is placed.</p>`));
  });

  return router;
}
