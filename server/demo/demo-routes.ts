import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parse, serialize } from 'cookie';
import express, { type Request, type Response, type Router } from 'express';
import { routes, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, type ShopWebhookEvent } from '../../shared/contract';
import { AppError } from '../errors/app-error';
import { tableRouter } from '../edge/route-table';
import { sign, webhookMessage } from '../edge/signature';
import { demoCatalog, formatPrice } from './catalog';
import { html, type SafeHtml } from '../edge/html';

export interface DemoSite {
  publicKey: string;
  /** The demo plays the shop's backend too: it signs identities and webhooks with the site secret. */
  secret: string;
}

const CUSTOMER_COOKIE = 'demo_customer';

/**
 * A small demo shop with the widget embedded by its one script tag, exactly as a customer would.
 * Pages carry `data-page-type` so lifecycle tracking can classify them; the signed-in demo customer is
 * identified to the widget with a signature computed here, and "Place order" reports the order to the
 * chat server through its signed webhook, server to server, as a real shop backend would.
 */
export function demoRoutes(getSite: () => DemoSite, consentRequired: () => Promise<boolean>): Router {
  const api = tableRouter('/demo');
  const { router } = api;

  const customerOf = (req: Request, res: Response): string => {
    const known = parse(req.headers.cookie ?? '')[CUSTOMER_COOKIE];
    if (known && /^c_[A-Za-z0-9_-]{16}$/.test(known)) return known;
    const id = `c_${randomBytes(12).toString('base64url')}`;
    res.append('Set-Cookie', serialize(CUSTOMER_COOKIE, id, { path: '/demo', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86400 }));
    return id;
  };

  /** Browsing signs a demo customer in with a cookie, except while the site asks for consent: pages then stay anonymous until an order. */
  const page = async (req: Request, res: Response, title: string, pageType: string, body: SafeHtml) => {
    const signedIn = CUSTOMER_COOKIE in parse(req.headers.cookie ?? '');
    // Unknown (the database is down) counts as asking for consent.
    const customerId = signedIn || !(await consentRequired().catch(() => true)) ? customerOf(req, res) : '';
    const { publicKey, secret } = getSite();
    res.send(pageHtml(title, pageType, body, publicKey, customerId, sign(secret, customerId)));
  };

  const pageHtml = (title: string, pageType: string, body: SafeHtml, siteKey: string, customerId: string, signature: string) =>
    html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Demo Shop</title>
<link rel="stylesheet" href="/demo/shop.css">
</head>
<body data-page-type="${pageType}" data-customer-id="${customerId}" data-customer-signature="${signature}">
<header class="shop-header"><a class="brand" href="/demo">Demo Shop</a>
<nav><a href="/demo">Catalog</a> <a href="/demo/cart">Cart (<span data-cart-count>0</span>)</a></nav></header>
<main>${body}</main>
<script src="/demo/shop.js" defer></script>
<script src="/widget.js" data-site="${siteKey}" async></script>
</body>
</html>`.value;

  router.use(express.static(fileURLToPath(new URL('./public', import.meta.url)), { index: false, redirect: false }));

  router.get('/', (req, res) => {
    const cards = demoCatalog.map(
      (p) => html`<li class="card"><h2><a href="/demo/product/${p.slug}">${p.name}</a></h2>
<p>${p.blurb}</p><p class="price">${formatPrice(p.priceCents)}</p></li>`,
    );
    void page(req, res, 'Catalog', 'content', html`<h1>Catalog</h1><ul class="grid">${cards}</ul>`);
  });

  router.get('/product/:slug', (req, res) => {
    const product = demoCatalog.find((p) => p.slug === req.params.slug);
    if (!product) {
      res.status(404);
      void page(req, res, 'Not found', 'content', html`<h1>Product not found</h1><p><a href="/demo">Back to the catalog</a></p>`);
      return;
    }
    void page(
      req,
      res,
      product.name,
      'product',
      html`<article class="product">
<h1>${product.name}</h1><p>${product.blurb}</p><p class="price">${formatPrice(product.priceCents)}</p>
<button type="button" class="primary" data-add-to-cart="${product.slug}" data-name="${product.name}" data-price="${product.priceCents}">Add to cart</button>
<p class="notice" data-cart-notice hidden>Added to your cart. <a href="/demo/cart">View cart</a></p>
</article>`,
    );
  });

  router.get('/cart', (req, res) => {
    void page(
      req,
      res,
      'Cart',
      'cart',
      html`<h1>Your cart</h1><div data-cart-lines></div>
<p><a class="button primary" href="/demo/checkout">Go to checkout</a> <a href="/demo/shipping">Shipping &amp; returns</a></p>`,
    );
  });

  router.get('/shipping', (req, res) => {
    void page(
      req,
      res,
      'Shipping & returns',
      'shipping',
      html`<h1>Shipping &amp; returns</h1>
<p>Standard delivery in 2–4 working days: $4.90, free from $75. Express next-day delivery: $12.</p>
<p>Changed your mind? Return anything unworn within 30 days for a full refund; return shipping is free.</p>`,
    );
  });

  router.get('/checkout', (req, res) => {
    void page(
      req,
      res,
      'Checkout',
      'checkout',
      html`<h1>Checkout</h1><div data-cart-lines></div>
<form class="checkout" data-checkout>
<label>Full name <input name="name" autocomplete="name" required></label>
<label>Email <input name="email" type="email" autocomplete="email" required></label>
<label>Address <input name="address" autocomplete="street-address" required></label>
<button type="submit" class="primary">Place order</button>
</form>
<p class="notice" data-order-error hidden role="alert">We could not place your order. Please try again.</p>
<p class="notice" data-order-notice hidden role="status">Thank you! Your order is placed.</p>`,
    );
  });

  api.bind(routes.demo.order, { before: [express.json({ limit: '16kb' })] }, async ({ body: { lines }, req, res }) => {
    const totalCents = lines.reduce((sum, line) => {
      const product = demoCatalog.find((p) => p.slug === line.slug);
      if (!product) throw new AppError('invalid_payload', `Unknown product ${line.slug}.`);
      return sum + product.priceCents * line.qty;
    }, 0);
    const orderId = `demo-${Date.now()}-${randomBytes(4).toString('hex')}`;
    const event: ShopWebhookEvent = {
      type: 'order',
      customerId: customerOf(req, res),
      orderId,
      total: totalCents / 100,
      currency: 'USD',
    };
    const reported = await reportToChatServer(`${req.protocol}://${req.get('host')}`, getSite(), event);
    if (!reported.ok) throw new AppError('unavailable', 'The order could not be reported; please try again.');
    return { orderId };
  });

  return router;
}

/** What the shop's backend does after an order: a signed webhook call to the chat server. */
async function reportToChatServer(baseUrl: string, site: DemoSite, event: ShopWebhookEvent): Promise<globalThis.Response> {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return fetch(`${baseUrl}/api/webhooks/${encodeURIComponent(site.publicKey)}/shop`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
      [WEBHOOK_SIGNATURE_HEADER]: sign(site.secret, webhookMessage(timestamp, Buffer.from(body))),
    },
    body,
  });
}
